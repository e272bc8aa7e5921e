import { classifySendError, keptAnswer, retryDelayMs } from './delivery-policy';

const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:25`), { code });

describe('classifySendError', () => {
  it.each([421, 450, 451, 452])('treats SMTP %i as temporary', (code) => {
    expect(classifySendError(smtpError(code, `${code} Try again later`))).toEqual({
      temporary: true,
      reason: `${code} Try again later`,
    });
  });

  it.each([550, 551, 552, 553, 554])('treats SMTP %i as permanent', (code) => {
    expect(classifySendError(smtpError(code, `${code} No such user`)).temporary).toBe(false);
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'ESOCKET', 'ECONNECTION'])(
    'treats a network failure (%s) as temporary',
    (code) => {
      expect(classifySendError(networkError(code)).temporary).toBe(true);
    },
  );

  it('treats a message nodemailer cannot build or address as permanent', () => {
    expect(
      classifySendError(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).temporary,
    ).toBe(false);
  });

  it('keeps the reason on one line and short enough for the log column', () => {
    const failure = classifySendError(smtpError(554, `554 ${'x'.repeat(2000)}\r\nsecond line`));
    expect(failure.reason).not.toMatch(/[\r\n]/);
    expect(failure.reason.length).toBeLessThanOrEqual(900);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with each attempt', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits more than six hours', () => {
    expect(retryDelayMs(30, 30_000)).toBe(6 * 3600 * 1000);
  });
});

describe('keptAnswer', () => {
  it('keeps the server answer on one line, without control characters, at most 500 characters', () => {
    expect(keptAnswer('250 2.0.0 Ok: queued as 4F2A91C3B')).toBe('250 2.0.0 Ok: queued as 4F2A91C3B');
    expect(keptAnswer('250 Ok\r\n\u001b[31mqueued\u0000 as\tX')).toBe('250 Ok [31mqueued as X');
    expect(keptAnswer(`250 ${'x'.repeat(2000)}`)).toHaveLength(500);
  });

  it('keeps nothing when the server said nothing', () => {
    expect([keptAnswer(null), keptAnswer(''), keptAnswer('\r\n')]).toEqual([null, null, null]);
  });
});
