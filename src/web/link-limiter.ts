import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { FailureLimiter } from '../common/failure-limiter';
import { Transactor } from '../database/transactor';

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
 * One count of links that do not work, per client address, across the personal pages and the
 * survey, so trying tokens on one path does not buy more tries on another. Kept in the database:
 * every instance shares the count. Only failures are counted and only failures refused: a link
 * that works always opens, so members behind one address (a town hall, or a proxy without
 * TRUST_PROXY) are never shut out by someone else's bad links.
 */
@Injectable()
export class LinkLimiter {
  private readonly failures: FailureLimiter;

  constructor(transactor: Transactor) {
    this.failures = new FailureLimiter(transactor, 'link', 20, 15 * 60 * 1000);
  }

  /**
   * A wrong, expired or replaced link (or a download the member may not have): counted, and
   * answered with the one neutral refusal, so the caller cannot tell which it was; an address
   * that has had too many gets the 429 page instead.
   */
  async refuse(address: string): Promise<DomainError> {
    const wait = await this.failures.retryAfterSeconds(address);
    if (wait > 0) return new TooManyLinkAttempts(wait);
    await this.failures.recordFailure(address);
    return new DomainError('not_found', 'link.unknown', 'The link is wrong, expired or replaced');
  }
}
