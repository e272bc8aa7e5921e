import { Injectable } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  TransactionCommitEvent,
  UpdateEvent,
} from 'typeorm';
import { Dialect } from '../database/dialect';
import { namedQuery } from '../database/named-query';
import { Seminar } from '../planning/seminar.entity';
import { Venue } from '../planning/venue.entity';
import { Wave } from '../planning/wave.entity';
import { ListedSeminar, publishedSeminarRows } from './portal-queries';

/** A published seminar as held, with its seats now. */
export interface PublishedSeminar {
  seminar: ListedSeminar;
  capacity: number;
  taken: number;
}

/** How long another instance's change of a seminar's title, time, venue or wave may go unseen. */
const HELD_MS = 1000;

/** What the list shows of seminars, waves and venues: a write to one of them empties the memory. */
const SHOWN = new Set<unknown>([Seminar, Wave, Venue]);

/**
 * The cycle's published seminars for the personal page, the part that rarely changes held
 * briefly in memory: reading their 16 columns was most of the page's statements' cost, and at an
 * invitation wave's rush every member's page reads the same 30 rows. The free seats are read on
 * every view (a cheap statement of three columns), so a booking anywhere shows at once. A write
 * to a seminar, wave or venue through TypeORM in this process empties the memory (again when its
 * transaction commits, for a page that read the rows meanwhile); another instance's is seen
 * within HELD_MS. A seminar published or withdrawn elsewhere shows at once: the counts' ids differ.
 */
@Injectable()
export class PublishedSeminars implements EntitySubscriberInterface {
  private readonly held = new Map<number, { until: number; rows: ListedSeminar[] }>();
  private readonly writing = new WeakSet<QueryRunner>();

  constructor(
    dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {
    dataSource.subscribers.push(this);
  }

  /**
   * The cycle's published seminars as publishedSeminarRows reads them, each with its seats as they
   * are now. `seminar` is the row held, the same object for every member until the rows are read
   * again (its own capacity and taken are those of that read): what is made of it alone may be
   * remembered by it.
   */
  async of(m: EntityManager, cycleId: number): Promise<PublishedSeminar[]> {
    const counts = await namedQuery<{ id: number; capacity: number; taken: number }>(
      m,
      `SELECT s.id, s.capacity, s.taken FROM seminars s JOIN waves w ON w.id = s.wave_id
       WHERE w.cycle_id = :cycle AND s.status = 'published'`,
      { cycle: cycleId },
    );
    const byId = new Map(counts.map((c) => [Number(c.id), c]));
    let held = this.held.get(cycleId);
    if (
      !held ||
      held.until < Date.now() ||
      held.rows.length !== byId.size ||
      held.rows.some((s) => !byId.has(s.id))
    ) {
      held = { until: Date.now() + HELD_MS, rows: await publishedSeminarRows(m, this.dialect, cycleId) };
      this.held.set(cycleId, held);
    }
    return held.rows.flatMap((seminar) => {
      const count = byId.get(seminar.id);
      return count ? [{ seminar, capacity: Number(count.capacity), taken: Number(count.taken) }] : [];
    });
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.written(event.metadata.target, event.queryRunner);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.written(event.metadata.target, event.queryRunner);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.written(event.metadata.target, event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.writing.has(event.queryRunner)) return;
    this.writing.delete(event.queryRunner);
    this.held.clear();
  }

  private written(target: unknown, runner: QueryRunner): void {
    if (!SHOWN.has(target)) return;
    this.held.clear();
    if (runner.isTransactionActive) this.writing.add(runner);
  }
}
