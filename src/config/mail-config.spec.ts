import { ConfigError, loadConfig } from './load-config';

describe('loadConfig (mail)', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'development', ...env }, '/srv/kattegat');

  it('has defaults that send with a pool of 5 every 5 s and remind 14 and 2 days before', () => {
    expect(load({}).mail).toEqual({
      replyTo: undefined,
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
});
