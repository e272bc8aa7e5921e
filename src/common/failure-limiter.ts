import { createHash } from 'node:crypto';
import { namedQuery } from '../database/named-query';
import { Transactor } from '../database/transactor';

/** Expired windows are deleted once every this many recorded failures, by whichever instance. */
const PRUNE_EVERY = 100;

/**
 * Counts failures per key in a window that opens with the key's first failure, and refuses
 * further attempts once a key has had too many in it. The counts live in the database
 * (`failure_counts`), so instances behind one load balancer share one budget; keys are stored as
 * hashes. One upsert per failure, atomic on both engines, so concurrent failures all count.
 * (rate-limiter-flexible has PostgreSQL and better-sqlite3 stores, but writes through its own
 * client outside the Transactor — on SQLite inside whatever transaction is open on the shared
 * connection — and makes its own table outside the migrations.)
 */
export class FailureLimiter {
  private recorded = 0;

  constructor(
    private readonly transactor: Transactor,
    private readonly scope: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  async retryAfterSeconds(key: string): Promise<number> {
    const now = this.now();
    const rows = await this.transactor.run((m) =>
      namedQuery(
        m,
        'SELECT failures, window_ends_ms FROM failure_counts WHERE scope = :scope AND key_hash = :key',
        {
          scope: this.scope,
          key: hashKey(key),
        },
      ),
    );
    const row = (rows as { failures: number; window_ends_ms: number | string }[])[0];
    if (!row || Number(row.window_ends_ms) <= now || Number(row.failures) < this.maxFailures) return 0;
    return Math.ceil((Number(row.window_ends_ms) - now) / 1000);
  }

  async recordFailure(key: string): Promise<void> {
    const now = this.now();
    const prune = ++this.recorded % PRUNE_EVERY === 0;
    await this.transactor.run(async (m) => {
      // A window that has run out starts again at this failure.
      await namedQuery(
        m,
        `INSERT INTO failure_counts (scope, key_hash, failures, window_ends_ms) VALUES (:scope, :key, 1, :ends)
         ON CONFLICT (scope, key_hash) DO UPDATE SET
           failures = CASE WHEN failure_counts.window_ends_ms <= :now THEN 1 ELSE failure_counts.failures + 1 END,
           window_ends_ms = CASE WHEN failure_counts.window_ends_ms <= :now THEN :ends ELSE failure_counts.window_ends_ms END`,
        { scope: this.scope, key: hashKey(key), ends: now + this.windowMs, now },
      );
      if (prune) await namedQuery(m, 'DELETE FROM failure_counts WHERE window_ends_ms <= :now', { now });
    });
  }

  async reset(key: string): Promise<void> {
    await this.transactor.run((m) =>
      namedQuery(m, 'DELETE FROM failure_counts WHERE scope = :scope AND key_hash = :key', {
        scope: this.scope,
        key: hashKey(key),
      }),
    );
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
