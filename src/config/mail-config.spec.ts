import { ConfigError, loadConfig } from './load-config';

describe('loadConfig (mail)', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'development', ...env }, '/srv/kattegat');

  it('has defaults that send with a pool of 5 every 5 s and remind 14 and 2 days before', () => {
    expect(load({}).mail).toEqual({
      replyTo: undefined,
      repliesReachSomeone: false,
      smtpMaxConnections: 5,
      smtpRatePerSecond: 0,
      dispatchIntervalMs: 5000,
      dispatchBatchSize: 50,
      dispatchLeaseMs: 600_000,
      retryBaseMs: 30_000,
      maxAttempts: 8,
      reminderDays: [14, 2],
    });
  });

  it('switches the background dispatcher off in tests unless asked', () => {
    expect(load({ NODE_ENV: 'test' }).mail.dispatchIntervalMs).toBe(0);
    expect(load({ NODE_ENV: 'test', DISPATCH_INTERVAL_MS: '50' }).mail.dispatchIntervalMs).toBe(50);
  });

  it('has a switch of its own for each sweep: hourly, off in tests unless asked', () => {
    const sweeps = (env: Record<string, string>) => {
      const c = load(env);
      return [c.reminderSweepMinutes, c.materialsSweepMinutes, c.evaluationSweepMinutes];
    };
    expect(sweeps({})).toEqual([60, 60, 60]);
    expect(sweeps({ NODE_ENV: 'test' })).toEqual([0, 0, 0]);
    expect(
      sweeps({
        NODE_ENV: 'test',
        REMINDER_SWEEP_MINUTES: '5',
        MATERIALS_SWEEP_MINUTES: '15',
        EVALUATION_SWEEP_MINUTES: '30',
      }),
    ).toEqual([5, 15, 30]);
    expect(() => load({ MATERIALS_SWEEP_MINUTES: 'hourly' })).toThrow(/MATERIALS_SWEEP_MINUTES/);
  });

  it('reads the mail variables', () => {
    const mail = load({
      MAIL_REPLY_TO: 'Sekretariatet <kattegat@kl.dk>',
      SMTP_MAX_CONNECTIONS: '10',
      SMTP_RATE_PER_SECOND: '20',
      REMINDER_DAYS: '2, 7,14',
    }).mail;
    expect(mail).toMatchObject({
      replyTo: 'Sekretariatet <kattegat@kl.dk>',
      smtpMaxConnections: 10,
      smtpRatePerSecond: 20,
      reminderDays: [14, 7, 2],
    });
  });

  it('names every bad mail variable at once', () => {
    let error: unknown;
    try {
      load({ SMTP_MAX_CONNECTIONS: '0', REMINDER_DAYS: '14,to', MAIL_REPLY_TO: 'nobody' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SMTP_MAX_CONNECTIONS/);
    expect(problems).toMatch(/REMINDER_DAYS/);
    expect(problems).toMatch(/MAIL_REPLY_TO/);
  });

  it('says "svar på denne e-mail" only when an answer reaches someone', () => {
    expect(load({}).mail.repliesReachSomeone).toBe(false);
    expect(load({ MAIL_FROM: 'Kattegat <kattegat@localhost>' }).mail.repliesReachSomeone).toBe(false);
    expect(load({ MAIL_FROM: 'Kattegat <kattegat@kl.dk>' }).mail.repliesReachSomeone).toBe(true);
    expect(load({ MAIL_REPLY_TO: 'sekretariat@kl.dk' }).mail.repliesReachSomeone).toBe(true);
  });

  it('warns at a production start without a real MAIL_FROM, and not otherwise', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://kattegat.kl.dk',
      AUTH_SECRET: 'x'.repeat(32),
    };
    expect(load(production).warnings).toEqual([expect.stringMatching(/^MAIL_FROM is not set/)]);
    expect(load({ ...production, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' }).warnings).toEqual([]);
    expect(load({}).warnings).toEqual([]);
  });

  it('gives the secretariat’s contact for the error pages, the Reply-To address by default', () => {
    expect(load({}).secretariat).toEqual({ email: null, phone: null });
    expect(load({ MAIL_REPLY_TO: 'Sekretariatet <sekretariat@kl.dk>' }).secretariat.email).toBe(
      'sekretariat@kl.dk',
    );
    expect(
      load({ SECRETARIAT_EMAIL: 'kattegat@kl.dk', SECRETARIAT_PHONE: '+45 33 70 33 70' }).secretariat,
    ).toEqual({
      email: 'kattegat@kl.dk',
      phone: '+45 33 70 33 70',
    });
    expect(() => load({ SECRETARIAT_PHONE: 'ring til Lis' })).toThrow(/SECRETARIAT_PHONE/);
  });
});
