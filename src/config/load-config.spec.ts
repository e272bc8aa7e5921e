import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  const cwd = '/srv/kattegat';

  it('falls back to the embedded defaults', () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      database: { engine: 'sqlite', path: '/srv/kattegat/data/kattegat.sqlite' },
      mailDir: '/srv/kattegat/var/mail',
      mailFrom: 'Kattegat <kattegat@localhost>',
      initialAdmin: undefined,
      production: false,
    });
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://kattegat@db:5432/kattegat', PORT: '8080' }, cwd);
    expect(config.database).toEqual({ engine: 'postgres', url: 'postgres://kattegat@db:5432/kattegat' });
    expect(config.publicBaseUrl).toBe('http://localhost:8080');
  });

  it('takes the first admin from the environment, e-mail in lower case', () => {
    const config = loadConfig({ ADMIN_EMAIL: 'Admin@KL.dk', ADMIN_PASSWORD: 'et-langt-kodeord' }, cwd);
    expect(config.initialAdmin).toEqual({ email: 'admin@kl.dk', password: 'et-langt-kodeord' });
  });

  it('keeps /metrics closed unless METRICS_TOKEN is a long token', () => {
    expect(loadConfig({}, cwd).metricsToken).toBeUndefined();
    const token = 'prometheus-scrape-token-0123456789';
    expect(loadConfig({ METRICS_TOKEN: token }, cwd).metricsToken).toBe(token);
    for (const bad of ['kort', 'with a space in it and long enough too']) {
      expect(() => loadConfig({ METRICS_TOKEN: bad }, cwd)).toThrow(
        'METRICS_TOKEN must be at least 24 printable characters without spaces',
      );
    }
  });

  it("writes a solving proposal's heartbeat every 2 s and leaves the worker Node's heap limit unless told", () => {
    expect(loadConfig({}, cwd)).toMatchObject({ allocationHeartbeatMs: 2000, allocationWorkerMemoryMb: 0 });
    expect(
      loadConfig({ ALLOCATION_HEARTBEAT_MS: '50', ALLOCATION_WORKER_MEMORY_MB: '512' }, cwd),
    ).toMatchObject({ allocationHeartbeatMs: 50, allocationWorkerMemoryMb: 512 });
    // A heartbeat as slow as the 30 s after which a proposal counts as cut off would fail live ones.
    expect(() => loadConfig({ ALLOCATION_HEARTBEAT_MS: '30000' }, cwd)).toThrow(
      'ALLOCATION_HEARTBEAT_MS must be a whole number from 10 to 10000 (got "30000")',
    );
  });

  it('names every bad variable at once', () => {
    const load = () =>
      loadConfig(
        {
          PORT: 'abc',
          DATABASE_URL: 'mysql://x@y/z',
          ADMIN_EMAIL: 'admin@kl.dk',
          PUBLIC_BASE_URL: 'not a url',
          LOG_LEVEL: 'loud',
        },
        cwd,
      );
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a whole number from 1 to 65535 (got "abc")',
        'PUBLIC_BASE_URL is not a valid URL',
        'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://…")',
        'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      ]);
    }
  });

  it('refuses a short admin password and a short auth secret', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@kl.dk', ADMIN_PASSWORD: 'kort' }, cwd)).toThrow(
      /ADMIN_PASSWORD must be at least 12 characters/,
    );
    expect(() => loadConfig({ AUTH_SECRET: 'short' }, cwd)).toThrow(
      /AUTH_SECRET must be at least 32 characters/,
    );
  });

  it('trusts no proxy unless TRUST_PROXY names how many or which', () => {
    expect(loadConfig({}, cwd).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }, cwd).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::1' }, cwd).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
  });

  it('refuses a TRUST_PROXY that would trust every hop or is no address', () => {
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, cwd)).toThrow(/TRUST_PROXY/);
    }
  });

  it('requires the second factor in production unless REQUIRE_2FA says otherwise', () => {
    expect(loadConfig({}, cwd).require2fa).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }, cwd).require2fa).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', REQUIRE_2FA: 'false' }, cwd).require2fa).toBe(false);
    expect(loadConfig({ REQUIRE_2FA: 'on' }, cwd).require2fa).toBe(true);
    expect(() => loadConfig({ REQUIRE_2FA: 'maybe' }, cwd)).toThrow(/REQUIRE_2FA must be true or false/);
  });

  it('logs readable lines on a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
    expect(loadConfig({}, cwd).logFormat).toBe('json');
    expect(loadConfig({}, cwd, true).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }, cwd, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, cwd).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, cwd)).toThrow(/LOG_FORMAT must be pretty or json/);
  });
});
