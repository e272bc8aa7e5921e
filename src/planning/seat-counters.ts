import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Dialect } from '../database/dialect';

/**
 * A seminar's seat counters, the only writes of `taken` and `waitlist_counter`. Seats are counted
 * by conditional updates on the seminar row (never read-then-write); on PostgreSQL the update
 * locks the row, so whoever counts next waits for this transaction. Call inside a transaction.
 *
 * Raw statements, each a single one: every booking in a rush runs them, and on PostgreSQL every
 * statement after the claim is a round trip made while the seminar's row is locked.
 */
@Injectable()
export class SeatCounters {
  constructor(private readonly dialect: Dialect) {}

  /** Counts `count` seats as taken, all or none: false when fewer are free. */
  async claim(manager: EntityManager, seminarId: number, count = 1): Promise<boolean> {
    const { affected } = await this.dialect.raw(
      manager,
      `UPDATE seminars SET taken = taken + :count, updated_at = CURRENT_TIMESTAMP
       WHERE id = :seminarId AND taken + :count <= capacity`,
      { seminarId, count },
    );
    return affected === 1;
  }

  /** Gives one seat back. */
  async release(manager: EntityManager, seminarId: number): Promise<void> {
    await this.dialect.raw(
      manager,
      'UPDATE seminars SET taken = taken - 1, updated_at = CURRENT_TIMESTAMP WHERE id = :seminarId AND taken > 0',
      { seminarId },
    );
  }

  /** The next number on the seminar's waiting list: arrival order, since the update locks the row. */
  async nextWaitlistNumber(manager: EntityManager, seminarId: number): Promise<number> {
    const { rows } = await this.dialect.raw<{ waitlist_counter: number }>(
      manager,
      `UPDATE seminars SET waitlist_counter = waitlist_counter + 1, updated_at = CURRENT_TIMESTAMP
       WHERE id = :seminarId RETURNING waitlist_counter`,
      { seminarId },
    );
    if (rows.length !== 1) throw new Error(`Seminar ${seminarId} does not exist`);
    return Number(rows[0].waitlist_counter);
  }
}
