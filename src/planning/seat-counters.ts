import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Seminar } from './seminar.entity';

/**
 * A seminar's seat counters, the only writes of `taken` and `waitlist_counter`. Seats are counted
 * by conditional updates on the seminar row (never read-then-write); on PostgreSQL the update
 * locks the row, so whoever counts next waits for this transaction. Call inside a transaction.
 */
@Injectable()
export class SeatCounters {
  /** Counts `count` seats as taken, all or none: false when fewer are free. */
  async claim(manager: EntityManager, seminarId: number, count = 1): Promise<boolean> {
    const result =
      count === 1
        ? await manager
            .createQueryBuilder()
            .update(Seminar)
            .set({ taken: () => 'taken + 1' })
            .where('id = :id AND taken < capacity', { id: seminarId })
            .execute()
        : await manager
            .createQueryBuilder()
            .update(Seminar)
            .set({ taken: () => 'taken + :count' })
            .where('id = :id AND taken + :count <= capacity', { id: seminarId, count })
            .setParameter('count', count)
            .execute();
    return result.affected === 1;
  }

  /** Gives one seat back. */
  async release(manager: EntityManager, seminarId: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Seminar)
      .set({ taken: () => 'taken - 1' })
      .where('id = :id AND taken > 0', { id: seminarId })
      .execute();
  }

  /** The next number on the seminar's waiting list: arrival order, since the update locks the row. */
  async nextWaitlistNumber(manager: EntityManager, seminarId: number): Promise<number> {
    await manager
      .createQueryBuilder()
      .update(Seminar)
      .set({ waitlistCounter: () => 'waitlist_counter + 1' })
      .where('id = :id', { id: seminarId })
      .execute();
    const { waitlistCounter } = await manager.findOneOrFail(Seminar, {
      where: { id: seminarId },
      select: { id: true, waitlistCounter: true },
    });
    return waitlistCounter;
  }
}
