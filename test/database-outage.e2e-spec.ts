import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess, buildApp, freePort, startAppProcess } from './helpers/app-process';

jest.setTimeout(600_000);

/** The newest installed PostgreSQL's programs, or undefined where there are none. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

const bin = postgresBin();

/**
 * A PostgreSQL server of the test's own, in a temporary folder on its own port, so the shared
 * server and the other suites are not disturbed. PostgreSQL refuses to run as root: as root the
 * programs run as the `postgres` user.
 */
function ownServer(binDir: string, port: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kattegat-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(binDir, program), ...args], { stdio: 'pipe' })
      : execFileSync(join(binDir, program), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'kattegat', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  return {
    url: `postgres://kattegat@127.0.0.1:${port}/postgres`,
    start: () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

(bin ? describe : describe.skip)('PostgreSQL restarted under traffic', () => {
  let server: ReturnType<typeof ownServer>;
  let build: { dir: string; remove(): void };
  let app: AppProcess;
  let token: string;

  beforeAll(async () => {
    server = ownServer(bin!, await freePort());
    server.start();
    build = buildApp();
    app = await startAppProcess(
      build.dir,
      {
        ...process.env,
        DATABASE_URL: server.url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'kattegat-outage-')),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'an-outage-test-secret-of-more-than-32-characters',
        ADMIN_EMAIL: 'admin@kl.dk',
        ADMIN_PASSWORD: 'et-rigtig-langt-kodeord',
      },
      await freePort(),
    );
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kl.dk', password: 'et-rigtig-langt-kodeord' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await app?.stop();
    try {
      server?.stop();
    } catch {
      // stopped already
    }
    server?.remove();
    build?.remove();
  });

  let written = 0;
  const createCycle = async () => {
    const code = `KV${++written}`;
    const started = Date.now();
    const res = await fetch(`${app.baseUrl}/api/cycles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code,
        name: `Valg ${code}`,
        electionDate: '2025-11-18',
        termStart: '2026-01-01',
      }),
    }).catch(() => null);
    return { code, status: res?.status ?? 0, body: await res?.json(), ms: Date.now() - started };
  };
  const timed = async (path: string) => {
    const started = Date.now();
    const res = await fetch(`${app.baseUrl}${path}`);
    return { status: res.status, text: await res.text(), ms: Date.now() - started };
  };

  it('fails fast while the database is down, reconnects by itself, and loses nothing acknowledged', async () => {
    const acknowledged: string[] = [];
    let traffic = true;
    const writer = (async () => {
      while (traffic) {
        const result = await createCycle();
        if (result.status === 201) acknowledged.push(result.code);
      }
    })();
    try {
      await outageUnder(acknowledged);
    } finally {
      traffic = false;
      await writer;
    }
  });

  async function outageUnder(acknowledged: string[]): Promise<void> {
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));

    server.stop();
    const health = await timed('/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', database: 'down' });
    const member = await timed(`/p/${'m'.repeat(43)}`);
    expect(member.status).toBe(503);
    expect(member.text).toContain('Tjenesten svarer ikke lige nu');
    const write = await createCycle();
    expect(write.status).toBe(503);
    expect(write.body).toMatchObject({ code: 'service.unavailable' });
    for (const answer of [health, member, write]) expect(answer.ms).toBeLessThan(5000);

    server.start();
    const back = Date.now();
    while ((await timed('/health')).status !== 200) {
      if (Date.now() - back > 30_000) throw new Error('The app did not reconnect within 30 s');
    }
    const reconnectMs = Date.now() - back;
    const after = acknowledged.length;
    while (acknowledged.length < after + 5) await new Promise((r) => setTimeout(r, 20));

    // Only writes acknowledged before the query began can be expected in its result: the writer
    // goes on while it runs.
    const acknowledgedBefore = [...acknowledged];
    const db = new Client({ connectionString: server.url });
    await db.connect();
    const stored = new Set(
      (await db.query<{ code: string }>('SELECT code FROM cycles')).rows.map((row) => row.code),
    );
    await db.end();
    expect(acknowledgedBefore.filter((code) => !stored.has(code))).toEqual([]);
    expect(app.output()).not.toContain('already executing a query');
    console.log(
      `Down: /health ${health.ms} ms, member page ${member.ms} ms, write ${write.ms} ms (503 each); ` +
        `healthy again ${reconnectMs} ms after the server was; ${acknowledgedBefore.length} writes acknowledged, all stored.`,
    );
  }
});

if (!bin) {
  test.skip('the outage test needs the PostgreSQL programs (initdb, pg_ctl) under /usr/lib/postgresql', () => {});
}
