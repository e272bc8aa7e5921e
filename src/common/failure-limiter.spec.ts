import { FailureLimiter } from './failure-limiter';

describe(FailureLimiter.name, () => {
  let now: number;
  let sut: FailureLimiter;

  beforeEach(() => {
    now = 1_000_000;
    sut = new FailureLimiter(3, 60_000, () => now);
  });

  it('lets a key try until it has failed the maximum number of times', () => {
    sut.recordFailure('a');
    sut.recordFailure('a');
    expect(sut.retryAfterSeconds('a')).toBe(0);
    sut.recordFailure('a');
    expect(sut.retryAfterSeconds('a')).toBe(60);
    expect(sut.retryAfterSeconds('b')).toBe(0);
  });

  it('forgets failures once they leave the window', () => {
    for (let i = 0; i < 3; i++) sut.recordFailure('a');
    now += 30_000;
    expect(sut.retryAfterSeconds('a')).toBe(30);
    now += 30_001;
    expect(sut.retryAfterSeconds('a')).toBe(0);
  });

  it('starts afresh after a reset', () => {
    for (let i = 0; i < 3; i++) sut.recordFailure('a');
    sut.reset('a');
    expect(sut.retryAfterSeconds('a')).toBe(0);
  });
});
