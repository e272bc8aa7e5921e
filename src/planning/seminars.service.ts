import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { ErrorCode } from '../common/danish-messages';
import { DomainError } from '../common/domain-error';
import { Dialect } from '../database/dialect';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { AgendaItem } from './agenda-item.entity';
import { AgendaItemDto, CreateSeminarDto, SeminarQueryDto, UpdateSeminarDto } from './dto/seminar.dto';
import { mayChangeStatus } from './seminar-rules';
import { daysToStart, shiftSeminarTimes } from './seminar-copies';
import { readSeminarTable, TableRow } from './seminar-table';
import { AgendaLine, checkTimes, copyOf, insertSeminar, replaceAgenda, syncAgenda } from './seminar-writes';
import { Seminar, SeminarStatus } from './seminar.entity';
import { Venue } from './venue.entity';
import { Wave } from './wave.entity';

/** A seminar as the plan lists it: when, where, seats and status. */
export type ListedSeminar = Pick<
  Seminar,
  'id' | 'waveId' | 'title' | 'startsAt' | 'endsAt' | 'capacity' | 'taken' | 'status'
> & { venue?: Pick<Venue, 'name'> | null };

@Injectable()
export class SeminarsService {
  constructor(
    private readonly transactor: Transactor,
    private readonly events: DomainEvents,
    private readonly dialect: Dialect,
  ) {}

  list(query: SeminarQueryDto): Promise<Seminar[]> {
    const where: FindOptionsWhere<Seminar> = {};
    if (query.cycleId !== undefined) where.cycleId = query.cycleId;
    if (query.waveId !== undefined) where.waveId = query.waveId;
    // One statement (a join, no limit), so a read: on SQLite a transaction waits in the write queue.
    return this.transactor.read((m) =>
      m.find(Seminar, { where, relations: { venue: true }, order: { startsAt: 'ASC', id: 'ASC' } }),
    );
  }

  /**
   * The cycle's seminars as Planlægning lists them, soonest first, in one plain statement of the
   * columns it shows (every view asks, and TypeORM would hydrate whole seminars and venues the page does not show).
   * The caller has read the cycle already.
   */
  planned(cycleId: number): Promise<ListedSeminar[]> {
    return this.transactor.read(async (m) => {
      const { rows } = await this.dialect.raw<Record<string, unknown>>(
        m,
        `SELECT s.id, s.wave_id, s.title, s.starts_at, s.ends_at, s.capacity, s.taken, s.status,
                v.name AS venue_name
         FROM seminars s LEFT JOIN venues v ON v.id = s.venue_id
         WHERE s.cycle_id = :cycleId ORDER BY s.starts_at, s.id`,
        { cycleId },
      );
      // Mapped by hand: hydrated() visits every column of the entity for each row (5 % of the page).
      return rows.map((row) => ({
        id: Number(row.id),
        waveId: Number(row.wave_id),
        title: String(row.title),
        startsAt: this.dialect.instant(row.starts_at),
        endsAt: this.dialect.instant(row.ends_at),
        capacity: Number(row.capacity),
        taken: Number(row.taken),
        status: row.status as SeminarStatus,
        venue: row.venue_name === null ? null : { name: String(row.venue_name) },
      }));
    });
  }

  get(id: number): Promise<Seminar> {
    return this.transactor.run((m) => this.load(m, id));
  }

  create(dto: CreateSeminarDto): Promise<Seminar> {
    return this.transactor.run(async (m) => {
      const wave = await m.findOneBy(Wave, { id: dto.waveId });
      if (!wave)
        throw unknownReference('seminar.unknown_wave', 'waveId', `Wave ${dto.waveId} does not exist`);
      await this.requireVenue(m, dto.venueId);
      const seminar = m.create(Seminar, {
        cycleId: wave.cycleId,
        waveId: wave.id,
        venueId: dto.venueId,
        title: dto.title,
        startsAt: new Date(dto.startsAt),
        endsAt: new Date(dto.endsAt),
        capacity: dto.capacity,
        registrationDeadline: new Date(dto.registrationDeadline),
        status: dto.status ?? 'draft',
      });
      if (seminar.status === 'completed') {
        throw new DomainError(
          'validation_failed',
          'seminar.created_completed',
          'A new seminar cannot be completed',
          [{ field: 'status', reason: 'must be draft, published or cancelled' }],
        );
      }
      const agenda = toAgenda(dto.agenda ?? []);
      checkTimes(seminar, agenda);
      const saved = await m.save(seminar);
      await replaceAgenda(m, saved.id, agenda);
      // A seminar ending after the others lengthens the links sent with e-mails.
      await this.events.publish(m, 'registration_period.changed', { cycleId: saved.cycleId });
      return this.load(m, saved.id);
    });
  }

  /**
   * Changes a seminar and tells the seats what happened: a new time or venue is announced to
   * everyone holding a seat, a higher capacity promotes from the waiting list, cancelling the
   * seminar cancels every seat (each in a handler of the registrations module).
   */
  update(id: number, dto: UpdateSeminarDto, staffId: number): Promise<Seminar> {
    return this.transactor.run(async (m) => {
      const seminar = await this.load(m, id);
      const before = { startsAt: seminar.startsAt, endsAt: seminar.endsAt, venueId: seminar.venueId };
      const capacityBefore = seminar.capacity;
      if (dto.venueId !== undefined && dto.venueId !== seminar.venueId)
        await this.requireVenue(m, dto.venueId);
      if (dto.status && !mayChangeStatus(seminar.status, dto.status)) {
        throw new DomainError(
          'conflict',
          'seminar.status_change_not_allowed',
          `A ${seminar.status} seminar cannot become ${dto.status}`,
        );
      }
      Object.assign(seminar, {
        venueId: dto.venueId ?? seminar.venueId,
        title: dto.title ?? seminar.title,
        startsAt: dto.startsAt ? new Date(dto.startsAt) : seminar.startsAt,
        endsAt: dto.endsAt ? new Date(dto.endsAt) : seminar.endsAt,
        registrationDeadline: dto.registrationDeadline
          ? new Date(dto.registrationDeadline)
          : seminar.registrationDeadline,
      });
      const agenda = dto.agenda ? toAgenda(dto.agenda) : (seminar.agenda ?? []);
      checkTimes(seminar, agenda);

      await m.update(Seminar, id, {
        venueId: seminar.venueId,
        title: seminar.title,
        startsAt: seminar.startsAt,
        endsAt: seminar.endsAt,
        registrationDeadline: seminar.registrationDeadline,
      });
      if (dto.agenda) await replaceAgenda(m, id, agenda);
      if (dto.capacity !== undefined) await this.changeCapacity(m, id, dto.capacity, capacityBefore);
      if (dto.status && dto.status !== seminar.status) {
        await m.update(Seminar, id, { status: dto.status });
        if (dto.status === 'cancelled')
          await this.events.publish(m, 'seminar.cancelled', { seminarId: id, staffId });
      }
      const moved =
        before.startsAt.getTime() !== seminar.startsAt.getTime() ||
        before.endsAt.getTime() !== seminar.endsAt.getTime() ||
        before.venueId !== seminar.venueId;
      if (moved && dto.status !== 'cancelled') {
        await this.events.publish(m, 'seminar.rescheduled', { seminarId: id, staffId, previous: before });
      }
      if (before.endsAt.getTime() !== seminar.endsAt.getTime()) {
        await this.events.publish(m, 'registration_period.changed', { cycleId: seminar.cycleId });
      }
      return this.load(m, id);
    });
  }

  /**
   * Copies a seminar to other days and venues, as drafts: the same local times, capacity, title
   * and agenda, moved by whole days. All or none.
   */
  copy(id: number, targets: Array<{ startDate: string; venueId: number }>): Promise<Seminar[]> {
    if (targets.length === 0) {
      throw new DomainError('validation_failed', 'seminar.copy_needs_date', 'No date to copy to', [
        { field: 'date1', reason: 'is required' },
      ]);
    }
    return this.transactor.run(async (m) => {
      const source = await this.load(m, id);
      const copies: Seminar[] = [];
      for (const target of targets) {
        if (target.venueId !== source.venueId) await this.requireVenue(m, target.venueId);
        const { agenda, ...times } = shiftSeminarTimes(
          { ...source, agenda: source.agenda ?? [] },
          daysToStart(source.startsAt, target.startDate),
        );
        copies.push(await insertSeminar(m, { ...copyOf(source), ...times, venueId: target.venueId }, agenda));
      }
      await this.events.publish(m, 'registration_period.changed', { cycleId: source.cycleId });
      return copies;
    });
  }

  /**
   * Reads a table of seminars for a wave (see readSeminarTable) and, when `commit` and every row is
   * right, writes them all as drafts in one transaction; with any row wrong nothing is written.
   */
  planTable(
    waveId: number,
    rows: string[][],
    commit: boolean,
  ): Promise<{ rows: TableRow[]; created: number }> {
    return this.transactor.run(async (m) => {
      const wave = await m.findOneBy(Wave, { id: waveId });
      if (!wave) throw DomainError.notFound('Wave', waveId);
      const venues = await m.find(Venue, { select: { id: true, name: true, town: true } });
      const read = readSeminarTable(rows, venues, wave.registrationClosesAt);
      const clean = read.length > 0 && read.every((r) => r.seminar);
      if (!commit || !clean) return { rows: read, created: 0 };
      for (const { seminar } of read) {
        await insertSeminar(m, { ...seminar!, cycleId: wave.cycleId, waveId, status: 'draft' }, []);
      }
      await this.events.publish(m, 'registration_period.changed', { cycleId: wave.cycleId });
      return { rows: read, created: read.length };
    });
  }

  /** Adds a point to the agenda; it must lie within the seminar. */
  addAgendaItem(id: number, item: AgendaLine): Promise<Seminar> {
    return this.changeAgenda(id, (agenda) => [...agenda, item], item);
  }

  updateAgendaItem(id: number, itemId: number, item: AgendaLine): Promise<Seminar> {
    return this.changeAgenda(
      id,
      (agenda) => agenda.map((line) => (line.id === itemId ? { ...line, ...item } : line)),
      item,
      itemId,
    );
  }

  removeAgendaItem(id: number, itemId: number): Promise<Seminar> {
    return this.changeAgenda(id, (agenda) => agenda.filter((line) => line.id !== itemId), null, itemId);
  }

  /**
   * Moves a point one place up or down the agenda, which runs by time: the point swaps its time
   * with its neighbour's, so the programme keeps its times in the new order.
   */
  moveAgendaItem(id: number, itemId: number, direction: 'up' | 'down'): Promise<Seminar> {
    return this.changeAgenda(
      id,
      (agenda) => {
        const i = agenda.findIndex((line) => line.id === itemId);
        const j = direction === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= agenda.length) return agenda;
        const moved = agenda.map((line) => ({ ...line }));
        [moved[i].startsAt, moved[j].startsAt] = [agenda[j].startsAt, agenda[i].startsAt];
        [moved[i], moved[j]] = [moved[j], moved[i]];
        return moved;
      },
      null,
      itemId,
    );
  }

  private changeAgenda(
    id: number,
    change: (agenda: AgendaItem[]) => Array<AgendaLine & { id?: number }>,
    item: AgendaLine | null,
    itemId?: number,
  ): Promise<Seminar> {
    return this.transactor.run(async (m) => {
      const seminar = await this.load(m, id);
      const agenda = seminar.agenda ?? [];
      if (itemId !== undefined && !agenda.some((line) => line.id === itemId)) {
        throw new DomainError(
          'not_found',
          'seminar.agenda_item_not_found',
          `Agenda item ${itemId} not found`,
        );
      }
      if (item && (item.startsAt < seminar.startsAt || item.startsAt > seminar.endsAt)) {
        throw new DomainError(
          'validation_failed',
          'seminar.agenda_item_outside',
          'The agenda item must lie within the seminar',
          [{ field: 'date', reason: 'must lie within the seminar' }],
        );
      }
      await syncAgenda(m, id, agenda, change(agenda));
      return this.load(m, id);
    });
  }

  /**
   * Sets a seminar's capacity, never below its seats taken (refused with
   * seminar.capacity_below_taken; a shrink below them goes through an allocation re-plan, which
   * moves the surplus and then calls this). Call inside a transaction.
   */
  async changeCapacity(m: EntityManager, id: number, capacity: number, before: number): Promise<void> {
    const result = await m
      .createQueryBuilder()
      .update(Seminar)
      .set({ capacity })
      .where('id = :id AND taken <= :capacity', { id, capacity })
      .execute();
    if (result.affected !== 1) {
      throw new DomainError(
        'conflict',
        'seminar.capacity_below_taken',
        `Capacity cannot go below the seats already taken`,
      );
    }
    if (capacity > before)
      await this.events.publish(m, 'seminar.capacity_raised', { seminarId: id, capacity });
  }

  private async load(m: EntityManager, id: number): Promise<Seminar> {
    // find, not findOne: a limit with a joined list makes TypeORM run a DISTINCT query first.
    const [seminar] = await m.find(Seminar, {
      where: { id },
      relations: { venue: true, agenda: true },
      order: { agenda: { startsAt: 'ASC', id: 'ASC' } },
    });
    if (!seminar) throw DomainError.notFound('Seminar', id);
    return seminar;
  }

  private async requireVenue(m: EntityManager, venueId: number): Promise<void> {
    if (!(await m.existsBy(Venue, { id: venueId }))) {
      throw unknownReference('seminar.unknown_venue', 'venueId', `Venue ${venueId} does not exist`);
    }
  }
}

function toAgenda(items: AgendaItemDto[]) {
  return items.map((item) => ({
    startsAt: new Date(item.startsAt),
    title: item.title,
    speaker: item.speaker ?? null,
  }));
}

function unknownReference(code: ErrorCode, field: string, message: string): DomainError {
  return new DomainError('validation_failed', code, message, [{ field, reason: 'does not exist' }]);
}
