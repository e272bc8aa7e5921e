import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { FailureLimiter } from '../common/failure-limiter';

/** Too many links that do not work from one address; the page says so, with Retry-After. */
export class TooManyLinkAttempts extends DomainError<'link.too_many_attempts'> {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'too_many_attempts',
      'link.too_many_attempts',
      `Too many links that do not work; try again in ${retryAfterSeconds} seconds`,
    );
  }
}

/**
 * One count of links that do not work, per address, across the personal pages and the survey, so
 * trying tokens on one path does not buy more tries on another. In memory, per app instance.
 */
@Injectable()
export class LinkLimiter {
  private readonly failures = new FailureLimiter(20, 15 * 60 * 1000);

  /** Refuses an address that has tried too many links that do not work. */
  check(address: string): void {
    const wait = this.failures.retryAfterSeconds(address);
    if (wait > 0) throw new TooManyLinkAttempts(wait);
  }

  /**
   * A wrong, expired or replaced link (or a download the member may not have): counted, and
   * answered with the one neutral refusal, so the caller cannot tell which it was.
   */
  refuse(address: string): DomainError {
    this.failures.recordFailure(address);
    return new DomainError('not_found', 'link.unknown', 'The link is wrong, expired or replaced');
  }
}
