import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DomainEvents } from '../database/domain-events';
import { Dialect, isUniqueViolation } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { namedQuery } from '../database/named-query';
import { SeminarRescheduled } from '../planning/planning-events';
import { SeatCounters } from '../planning/seat-counters';
import { Seminar } from '../planning/seminar.entity';
import { EventDetails } from './registration-event.entity';
import { attendanceOpen } from './attendance-window';
import { Registration } from './registration.entity';
import { registrationWindow } from './registration-window';
import { SeatEventRecorder } from './seat-event-recorder';
import { SeatActor, SeatEvent, SeatEventKind } from './seat-events';
import {
  holdsPlace,
  isActive,
  nextSeatState,
  SEAT_STATES,
  SeatAction,
  SeatState,
  WAITING_STATES,
} from './seat-state';

const ACTIVE_SEAT = {
  name: 'uq_registrations_active_seat',
  columns: 'registrations.cycle_id, registrations.member_id',
};

/** Seats that stop a member from registering again in the cycle. */
const BLOCKING_STATES = SEAT_STATES.filter((state) => isActive(state) || holdsPlace(state));

/** What `checkOpen` needs of a seminar and its wave, as `SEMINAR_COLUMNS` select it (`s`, `w`). */
interface SeminarRow {
  seminar_cycle_id: number | null;
  status: string;
  registration_deadline: unknown;
  registration_opens_at: unknown;
  registration_closes_at: unknown;
}

const SEMINAR_COLUMNS = `s.cycle_id AS seminar_cycle_id, s.status, s.registration_deadline,
  w.registration_opens_at, w.registration_closes_at`;

/** The database refused a second registered or waitlisted seat for a member in a cycle. */
export function isSecondActiveSeat(error: unknown): boolean {
  return isUniqueViolation(error, ACTIVE_SEAT);
}

/** A member to seat at a seminar; `fromRegistrationId` is the seat they leave, if any. */
export interface Placement {
  memberId: number;
  seminarId: number;
  fromRegistrationId: number | null;
}

/**
 * Every change of a seat. Each runs in one transaction; seats are counted by planning's
 * conditional updates on the seminar row (never read-then-write), and a registration changes
 * state only from the state it was read in, so two requests racing for the same thing cannot
 * both win. What happened is recorded as seat events; what they call for (e-mails, links,
 * evaluation requests) is done by those who handle them.
 */
@Injectable()
export class SeatService implements OnModuleInit {
  constructor(
    private readonly transactor: Transactor,
    private readonly events: SeatEventRecorder,
    private readonly domainEvents: DomainEvents,
    private readonly counters: SeatCounters,
    private readonly dialect: Dialect,
  ) {}

  /** A seminar's changes reach its seats: cancelled, more seats, a new time or venue. */
  onModuleInit(): void {
    this.domainEvents.on('seminar.cancelled', (manager, { seminarId, staffId }) =>
      this.cancelAllSeats(manager, seminarId, staffId),
    );
    this.domainEvents.on('seminar.capacity_raised', (manager, { seminarId }) =>
      this.promoteWaiting(manager, seminarId),
    );
    this.domainEvents.on('seminar.rescheduled', (manager, change) => this.announceChange(manager, change));
  }

  /** Takes a seat, or a place on the waiting list when the seminar is full. */
  async register(memberId: number, seminarId: number, actor: SeatActor): Promise<Registration> {
    try {
      return await this.transactor.run(async (manager) => {
        const { cycleId, current, seminarRow } = await this.memberStanding(manager, memberId, seminarId);
        const seminar = this.checkOpen(seminarRow, seminarId, cycleId, actor);
        if (current) {
          throw new DomainError(
            'conflict',
            current.seminarId === seminar.id ? 'seat.already_at_seminar' : 'seat.already_in_cycle',
            current.seminarId === seminar.id
              ? `Member ${memberId} already has a ${current.state} seat at this seminar`
              : `Member ${memberId} already has a ${current.state} seat in this cycle (registration ${current.id}); move it instead`,
          );
        }
        return this.takeSeatOrWait(manager, cycleId, memberId, seminar.id, actor);
      });
    } catch (error) {
      if (isSecondActiveSeat(error)) {
        throw new DomainError(
          'conflict',
          'seat.already_in_cycle',
          `Member ${memberId} already has a seat in this cycle`,
        );
      }
      throw error;
    }
  }

  /** Gives up a seat or a waiting-list place; a freed seat goes to the first on the waiting list. */
  async cancel(registrationId: number, actor: SeatActor, memberId?: number): Promise<Registration> {
    return this.transactor.run(async (manager) => {
      const seat = await this.ownSeat(manager, registrationId, memberId);
      const seminar = await manager.findOneByOrFail(Seminar, { id: seat.seminarId });
      if (actor.kind === 'member' && new Date() >= seminar.startsAt) {
        throw new DomainError(
          'conflict',
          'seat.seminar_begun',
          'The seminar has begun; contact the planner to cancel',
        );
      }
      const heldPlace = holdsPlace(seat.state);
      const wish = seat.state === 'swap_waiting';
      await this.changeState(manager, seat, 'cancel');
      await this.events.record(manager, this.eventOf(seat, wish ? 'swap_withdrawn' : 'cancelled', actor));
      if (!wish) await this.withdrawSwapWish(manager, seat, actor);
      if (heldPlace) await this.releasePlace(manager, seat.seminarId);
      return seat;
    });
  }

  /**
   * Takes a cancelled seat back while its seminar still has a free place: a new seat that
   * continues the cancelled one's calendar entry (same UID, higher SEQUENCE), so the calendar
   * gets the entry back instead of a second one.
   */
  async takeBack(registrationId: number, actor: SeatActor, memberId?: number): Promise<Registration> {
    return this.transactor.run(async (manager) => {
      const old = await this.ownSeat(manager, registrationId, memberId);
      if (old.state !== 'cancelled') {
        throw new DomainError('conflict', 'seat.not_cancelled', `Registration ${old.id} is not cancelled`);
      }
      const seminar = await this.openSeminar(manager, old.seminarId, old.cycleId, actor);
      const standing = await manager.findOne(Registration, {
        where: [
          { cycleId: old.cycleId, memberId: old.memberId, state: 'registered' },
          { cycleId: old.cycleId, memberId: old.memberId, state: 'waitlisted' },
        ],
      });
      if (standing) {
        throw new DomainError(
          'conflict',
          'seat.already_in_cycle',
          `Member ${old.memberId} has a seat already`,
        );
      }
      if (!(await this.counters.claim(manager, seminar.id))) {
        throw new DomainError(
          'conflict',
          'seat.taken_meanwhile',
          `The place at seminar ${seminar.id} is taken`,
        );
      }
      const seat = await this.insertSeat(
        manager,
        old.cycleId,
        old.memberId,
        seminar.id,
        'registered',
        null,
        old,
      );
      await this.events.record(
        manager,
        this.eventOf(seat, 'reinstated', actor, { fromRegistrationId: old.id }),
      );
      return seat;
    });
  }

  /**
   * Joins the waiting list of a full seminar while keeping the registered seat: when a place
   * comes up, the seat moves there (see `swapInto`). A seminar with a free place is simply moved to.
   */
  async wishSwap(registrationId: number, toSeminarId: number, actor: SeatActor, memberId?: number) {
    return this.transactor.run(async (manager) => {
      const seat = await this.ownSeat(manager, registrationId, memberId);
      if (seat.state !== 'registered') {
        throw new DomainError(
          'conflict',
          'seat.swap_needs_seat',
          `Registration ${seat.id} is not a held seat`,
        );
      }
      if (seat.seminarId === toSeminarId) {
        throw new DomainError('conflict', 'seat.move_to_same_seminar', 'The seat is already at that seminar');
      }
      const target = await this.openSeminar(manager, toSeminarId, seat.cycleId, actor);
      if (await this.counters.claim(manager, target.id))
        return this.moveClaimed(manager, seat, target, actor);
      await this.withdrawSwapWish(manager, seat, actor);
      const number = await this.counters.nextWaitlistNumber(manager, target.id);
      const wish = await this.insertSeat(
        manager,
        seat.cycleId,
        seat.memberId,
        target.id,
        'swap_waiting',
        number,
      );
      await this.events.record(
        manager,
        this.eventOf(wish, 'swap_wished', actor, { keptSeminarId: seat.seminarId }),
      );
      return wish;
    });
  }

  /**
   * Moves a seat to another seminar in one step: the new seat is secured first, and if it cannot
   * be had the transaction ends with the old seat untouched.
   */
  async move(registrationId: number, toSeminarId: number, actor: SeatActor, memberId?: number) {
    return this.transactor.run(async (manager) => {
      const old = await this.ownSeat(manager, registrationId, memberId);
      if (old.seminarId === toSeminarId) {
        throw new DomainError('conflict', 'seat.move_to_same_seminar', 'The seat is already at that seminar');
      }
      const target = await this.openSeminar(manager, toSeminarId, old.cycleId, actor);
      if (!(await this.counters.claim(manager, target.id))) {
        throw new DomainError(
          'conflict',
          'seat.seminar_full',
          `Seminar ${target.id} is full; the current seat is kept`,
        );
      }
      return this.moveClaimed(manager, old, target, actor);
    });
  }

  /** The move once the new place is claimed: the new seat continues the old one's calendar entry. */
  private async moveClaimed(
    manager: EntityManager,
    old: Registration,
    target: { id: number },
    actor: SeatActor,
  ) {
    const heldPlace = holdsPlace(old.state);
    await this.changeState(manager, old, 'move');
    await this.events.record(manager, this.eventOf(old, 'moved_away', actor, { toSeminarId: target.id }));
    await this.withdrawSwapWish(manager, old, actor);
    const fresh = await this.insertSeat(
      manager,
      old.cycleId,
      old.memberId,
      target.id,
      'registered',
      null,
      old,
    );
    await this.events.record(
      manager,
      this.eventOf(fresh, 'moved', actor, { fromSeminarId: old.seminarId, fromRegistrationId: old.id }),
    );
    if (heldPlace) await this.releasePlace(manager, old.seminarId);
    return fresh;
  }

  /**
   * A planner gives a free seat to one chosen from the waiting list (out of turn, if need be).
   * Refused when no seat is free: the seminar never overbooks.
   */
  async promote(registrationId: number, actor: SeatActor): Promise<Registration> {
    return this.transactor.run(async (manager) => {
      const seat = await this.ownSeat(manager, registrationId);
      if (!(await this.counters.claim(manager, seat.seminarId))) {
        throw new DomainError('conflict', 'seat.no_free_seat', `Seminar ${seat.seminarId} has no free seat`);
      }
      await this.changeState(manager, seat, 'promote');
      await this.events.record(manager, this.eventOf(seat, 'promoted', actor));
      return seat;
    });
  }

  /**
   * Records who came and who did not, from three hours before the seminar begins (the door); a
   * second call corrects the first. Those who came are asked to evaluate the seminar in the same
   * transaction (once it has ended).
   */
  async recordAttendance(
    seminarId: number,
    entries: Array<{ registrationId: number; attended: boolean }>,
    staffId: number,
  ): Promise<Registration[]> {
    return this.changeAttendance(seminarId, staffId, async (manager, seatAt) => {
      const changed: Registration[] = [];
      for (const entry of entries) {
        const seat = await seatAt(entry.registrationId);
        const wanted = entry.attended ? 'attended' : 'no_show';
        if (seat.state !== wanted) {
          await this.changeState(manager, seat, entry.attended ? 'mark_attended' : 'mark_no_show');
          await this.events.record(manager, this.eventOf(seat, wanted, { kind: 'planner', staffId }));
        }
        changed.push(seat);
      }
      return changed;
    });
  }

  /**
   * Takes a recorded attendance or no-show back: the member is expected again. An evaluation
   * request already made stays (ticked again, the member is not asked twice); marking the seat as
   * a no-show removes it while unanswered.
   */
  async undoAttendance(seminarId: number, registrationId: number, staffId: number): Promise<Registration> {
    const [seat] = await this.changeAttendance(seminarId, staffId, async (manager, seatAt) => {
      const seat = await seatAt(registrationId);
      await this.changeState(manager, seat, 'undo_attendance');
      await this.events.record(
        manager,
        this.eventOf(seat, 'attendance_undone', { kind: 'planner', staffId }),
      );
      return [seat];
    });
    return seat;
  }

  /** One change of attendance at an open door, published as `attendance.recorded` with the seats as they are now. */
  private changeAttendance(
    seminarId: number,
    staffId: number,
    change: (
      manager: EntityManager,
      seatAt: (registrationId: number) => Promise<Registration>,
    ) => Promise<Registration[]>,
  ): Promise<Registration[]> {
    return this.transactor.run(async (manager) => {
      const seminar = await manager.findOneBy(Seminar, { id: seminarId });
      if (!seminar) throw DomainError.notFound('Seminar', seminarId);
      if (!attendanceOpen(seminar.startsAt, new Date())) {
        throw new DomainError(
          'conflict',
          'seat.attendance_before_start',
          'Attendance can be recorded from three hours before the seminar begins',
        );
      }
      const changed = await change(manager, async (registrationId) => {
        const seat = await manager.findOneBy(Registration, { id: registrationId, seminarId });
        if (!seat)
          throw new DomainError(
            'not_found',
            'registration.not_found',
            `Registration at seminar ${seminarId} ${registrationId} does not exist`,
          );
        return seat;
      });
      await this.domainEvents.publish(manager, 'attendance.recorded', {
        seminar: { id: seminar.id, cycleId: seminar.cycleId, endsAt: seminar.endsAt },
        seats: changed.map(({ memberId, state }) => ({ memberId, state })),
      });
      return changed;
    });
  }

  /** Fills free seats from the waiting list, first come first served. Call inside a transaction. */
  async promoteWaiting(manager: EntityManager, seminarId: number): Promise<void> {
    // Claim first: on PostgreSQL the update locks the seminar row, so the list is read by one at a time.
    while (await this.counters.claim(manager, seminarId)) {
      const first = await manager.findOne(Registration, {
        where: { seminarId, state: In(WAITING_STATES) },
        order: { waitlistNumber: 'ASC' },
      });
      if (!first) {
        await this.counters.release(manager, seminarId);
        return;
      }
      if (first.state === 'swap_waiting') {
        await this.swapInto(manager, first);
        continue;
      }
      await this.changeState(manager, first, 'promote');
      await this.events.record(manager, this.eventOf(first, 'promoted', { kind: 'system' }));
    }
  }

  /**
   * A swap wish gets the place just claimed for it: the seat it was held beside is left (and its
   * place goes to the next on that seminar's list), and the wish becomes the seat, continuing the
   * old seat's calendar entry. All in the caller's transaction.
   */
  private async swapInto(manager: EntityManager, wish: Registration): Promise<void> {
    const system: SeatActor = { kind: 'system' };
    const old = await manager.findOneBy(Registration, {
      cycleId: wish.cycleId,
      memberId: wish.memberId,
      state: 'registered',
    });
    if (old) {
      await this.changeState(manager, old, 'move');
      await this.events.record(
        manager,
        this.eventOf(old, 'moved_away', system, { toSeminarId: wish.seminarId }),
      );
    }
    await this.changeState(manager, wish, 'swap', old ?? undefined);
    await this.events.record(
      manager,
      this.eventOf(
        wish,
        old ? 'swapped' : 'promoted',
        system,
        old ? { fromSeminarId: old.seminarId, fromRegistrationId: old.id } : undefined,
      ),
    );
    if (old) await this.releasePlace(manager, old.seminarId);
  }

  /** Drops the member's swap wish, if any, when the seat it was held beside goes. */
  private async withdrawSwapWish(manager: EntityManager, seat: Registration, actor: SeatActor) {
    const wish = await manager.findOneBy(Registration, {
      cycleId: seat.cycleId,
      memberId: seat.memberId,
      state: 'swap_waiting',
    });
    if (!wish) return;
    await this.changeState(manager, wish, 'cancel');
    await this.events.record(manager, this.eventOf(wish, 'swap_withdrawn', actor));
  }

  /**
   * Puts many members into seminars at once (an applied allocation proposal). Call inside a
   * transaction. Seats being moved are all released first, so swaps between full seminars work;
   * every new seat is then claimed by the conditional update, and a seat freed but not refilled
   * goes to the waiting list at the end. Throws (and so rolls back everything) if any seat
   * cannot be had.
   */
  async placeMany(
    manager: EntityManager,
    cycleId: number,
    placements: Placement[],
    actor: SeatActor,
    /** false when the seats left are about to go (a shrinking seminar): nobody is promoted into them. */
    promote = true,
  ) {
    const moving = placements.filter((p) => p.fromRegistrationId !== null);
    const left: Registration[] = [];
    for (const { fromRegistrationId, seminarId } of moving) {
      const old = await manager.findOneBy(Registration, { id: fromRegistrationId!, cycleId });
      if (!old) throw DomainError.notFound('Registration', fromRegistrationId!);
      const heldPlace = holdsPlace(old.state);
      await this.changeState(manager, old, 'move');
      await this.events.record(manager, this.eventOf(old, 'moved_away', actor, { toSeminarId: seminarId }));
      if (heldPlace) await this.counters.release(manager, old.seminarId);
      left.push(old);
    }
    const fromOf = new Map(left.map((old) => [old.memberId, old]));
    const perSeminar = new Map<number, number>();
    for (const { seminarId } of placements) perSeminar.set(seminarId, (perSeminar.get(seminarId) ?? 0) + 1);
    for (const [seminarId, count] of perSeminar) {
      if (!(await this.counters.claim(manager, seminarId, count))) {
        throw new DomainError(
          'conflict',
          'seat.not_enough_free',
          `Seminar ${seminarId} has fewer than ${count} free seats; nothing was applied`,
        );
      }
    }
    // The seats' events are recorded together, so their e-mails are drafted in a few statements.
    const placed: SeatEvent[] = [];
    for (let i = 0; i < placements.length; i += 200) {
      const seats = placements.slice(i, i + 200).map(({ memberId, seminarId }) => ({
        cycleId,
        memberId,
        seminarId,
        ...continuing(fromOf.get(memberId)),
      }));
      const ids = await insertSeats(manager, seats);
      for (const fields of seats) {
        const seat = { ...fields, id: ids.get(fields.memberId)! } as Registration;
        const old = fromOf.get(seat.memberId);
        placed.push(
          old
            ? this.eventOf(seat, 'moved', actor, { fromSeminarId: old.seminarId, fromRegistrationId: old.id })
            : this.eventOf(seat, 'registered', actor),
        );
      }
    }
    await this.events.record(manager, placed);
    if (!promote) return;
    for (const seminarId of new Set(left.map((old) => old.seminarId))) {
      await this.promoteWaiting(manager, seminarId);
    }
  }

  /** Cancels every seat of a seminar that is itself cancelled. Call inside a transaction. */
  async cancelAllSeats(manager: EntityManager, seminarId: number, staffId: number): Promise<void> {
    const seats = await manager.findBy(Registration, { seminarId });
    const planner: SeatActor = { kind: 'planner', staffId };
    for (const seat of seats.filter((s) => isActive(s.state) || s.state === 'swap_waiting')) {
      const heldPlace = holdsPlace(seat.state);
      // A swap wish for the cancelled seminar just ends: the member keeps the seat they hold.
      const wish = seat.state === 'swap_waiting';
      await this.changeState(manager, seat, 'cancel');
      await this.events.record(
        manager,
        this.eventOf(seat, wish ? 'swap_withdrawn' : 'seminar_cancelled', planner),
      );
      if (heldPlace) await this.counters.release(manager, seminarId);
    }
  }

  /**
   * A seminar's new time or venue: each held or waiting seat's calendar sequence rises, and a
   * `seminar_changed` event carries the earlier time and venue for the e-mail. Call inside a transaction.
   */
  async announceChange(manager: EntityManager, { seminarId, staffId, previous }: SeminarRescheduled) {
    const seats = await manager.find(Registration, {
      where: [
        { seminarId, state: 'registered' },
        { seminarId, state: 'waitlisted' },
      ],
    });
    for (let i = 0; i < seats.length; i += 500) {
      const ids = seats.slice(i, i + 500).map((seat) => seat.id);
      await manager.increment(Registration, { id: In(ids) }, 'calendarSequence', 1);
    }
    for (const seat of seats) seat.calendarSequence += 1;
    const details = {
      previousStartsAt: previous.startsAt.toISOString(),
      previousEndsAt: previous.endsAt.toISOString(),
      previousVenueId: previous.venueId,
    };
    await this.events.record(
      manager,
      seats.map((seat) => this.eventOf(seat, 'seminar_changed', { kind: 'planner', staffId }, details)),
    );
  }

  private async takeSeatOrWait(
    manager: EntityManager,
    cycleId: number,
    memberId: number,
    seminarId: number,
    actor: SeatActor,
  ): Promise<Registration> {
    if (await this.counters.claim(manager, seminarId)) {
      const seat = await this.insertSeat(manager, cycleId, memberId, seminarId, 'registered', null);
      await this.events.record(manager, this.eventOf(seat, 'registered', actor));
      return seat;
    }
    const waitlistCounter = await this.counters.nextWaitlistNumber(manager, seminarId);
    const seat = await this.insertSeat(manager, cycleId, memberId, seminarId, 'waitlisted', waitlistCounter);
    await this.events.record(manager, this.eventOf(seat, 'waitlisted', actor));
    return seat;
  }

  /**
   * The member's cycle, the seat that stops them taking another (held, waiting, or attended
   * already) and the seminar they ask for, in one statement: a rush of bookings runs it for every
   * one of them, and on PostgreSQL each statement is a round trip.
   */
  private async memberStanding(manager: EntityManager, memberId: number, seminarId: number) {
    const { rows } = await this.dialect.raw<
      SeminarRow & {
        cycle_id: number;
        erased_at: unknown;
        seat_id: number | null;
        seat_seminar_id: number;
        seat_state: SeatState;
      }
    >(
      manager,
      `SELECT m.cycle_id, m.erased_at, r.id AS seat_id, r.seminar_id AS seat_seminar_id, r.state AS seat_state,
         ${SEMINAR_COLUMNS}
       FROM members m
       LEFT JOIN seminars s ON s.id = :seminarId
       LEFT JOIN waves w ON w.id = s.wave_id
       LEFT JOIN registrations r ON r.cycle_id = m.cycle_id AND r.member_id = m.id AND r.state IN (:...standing)
       WHERE m.id = :memberId
       ORDER BY r.id
       LIMIT 1`,
      { memberId, seminarId, standing: BLOCKING_STATES },
    );
    const [row] = rows;
    if (!row || row.erased_at) throw DomainError.notFound('Member', memberId);
    const current =
      row.seat_id === null
        ? undefined
        : { id: Number(row.seat_id), seminarId: Number(row.seat_seminar_id), state: row.seat_state };
    return {
      cycleId: Number(row.cycle_id),
      current,
      seminarRow: row.seminar_cycle_id === null ? undefined : row,
    };
  }

  private async releasePlace(manager: EntityManager, seminarId: number): Promise<void> {
    await this.counters.release(manager, seminarId);
    await this.promoteWaiting(manager, seminarId);
  }

  /** `continues`: the seat whose calendar entry this one takes over (a swap). */
  private async changeState(
    manager: EntityManager,
    seat: Registration,
    action: SeatAction,
    continues?: Registration,
  ): Promise<void> {
    const next = nextSeatState(seat.state, action);
    const calendar = continues
      ? continuing(continues)
      : { calendarSeatId: seat.calendarSeatId, calendarSequence: seat.calendarSequence + 1 };
    const result = await manager
      .createQueryBuilder()
      .update(Registration)
      .set({ state: next, ...calendar })
      .where('id = :id AND state = :state', { id: seat.id, state: seat.state })
      .execute();
    if (result.affected !== 1) {
      throw new DomainError(
        'conflict',
        'seat.changed_meanwhile',
        `Registration ${seat.id} was changed meanwhile; try again`,
      );
    }
    seat.state = next;
    Object.assign(seat, calendar);
  }

  private async insertSeat(
    manager: EntityManager,
    cycleId: number,
    memberId: number,
    seminarId: number,
    state: 'registered' | 'waitlisted' | 'swap_waiting',
    waitlistNumber: number | null,
    continues?: Registration,
  ): Promise<Registration> {
    const now = new Date();
    const seat = manager.create(Registration, {
      cycleId,
      memberId,
      seminarId,
      state,
      waitlistNumber,
      ...continuing(continues),
      createdAt: now,
      updatedAt: now,
    });
    // Every column is given, so the row is not read back after the INSERT (the seminar's lock is held).
    const { rows } = await this.dialect.raw<{ id: number }>(
      manager,
      `INSERT INTO registrations
         (cycle_id, member_id, seminar_id, state, waitlist_number, calendar_sequence, calendar_seat_id, created_at, updated_at)
       VALUES (:cycleId, :memberId, :seminarId, :state, :waitlistNumber, :calendarSequence, :calendarSeatId, :now, :now)
       RETURNING id`,
      { ...seat, now },
    );
    seat.id = Number(rows[0].id);
    return seat;
  }

  /** The seminar, if a seat can be taken there now by this actor: published, and open for members. */
  private async openSeminar(
    manager: EntityManager,
    seminarId: number,
    cycleId: number,
    actor: SeatActor,
  ): Promise<{ id: number }> {
    const { rows } = await this.dialect.raw<SeminarRow>(
      manager,
      `SELECT ${SEMINAR_COLUMNS} FROM seminars s JOIN waves w ON w.id = s.wave_id WHERE s.id = :seminarId`,
      { seminarId },
    );
    return this.checkOpen(rows[0], seminarId, cycleId, actor);
  }

  private checkOpen(
    seminar: SeminarRow | undefined,
    seminarId: number,
    cycleId: number,
    actor: SeatActor,
  ): { id: number } {
    if (!seminar || Number(seminar.seminar_cycle_id) !== cycleId)
      throw DomainError.notFound('Seminar', seminarId);
    if (seminar.status !== 'published') {
      throw new DomainError(
        'conflict',
        'seat.seminar_not_published',
        `Seminar ${seminarId} is ${seminar.status}; seats can be taken only when published`,
      );
    }
    if (actor.kind === 'member') {
      const window = registrationWindow(new Date(), {
        opensAt: this.dialect.instant(seminar.registration_opens_at),
        closesAt: this.dialect.instant(seminar.registration_closes_at),
        deadline: this.dialect.instant(seminar.registration_deadline),
      });
      if (window !== 'open') {
        throw new DomainError(
          'conflict',
          window === 'closed' ? 'seat.registration_closed' : 'seat.registration_not_open',
          window === 'closed'
            ? 'Registration for this seminar has closed'
            : 'Registration has not opened yet',
        );
      }
    }
    return { id: seminarId };
  }

  private async ownSeat(manager: EntityManager, registrationId: number, memberId?: number) {
    const seat = await manager.findOneBy(Registration, { id: registrationId });
    // A member asking for someone else's seat learns nothing about it.
    if (!seat || (memberId !== undefined && seat.memberId !== memberId)) {
      throw DomainError.notFound('Registration', registrationId);
    }
    return seat;
  }

  private eventOf(
    seat: Registration,
    kind: SeatEventKind,
    actor: SeatActor,
    details?: EventDetails,
  ): SeatEvent {
    return {
      kind,
      cycleId: seat.cycleId,
      memberId: seat.memberId,
      registrationId: seat.id,
      seminarId: seat.seminarId,
      actor,
      calendarSequence: seat.calendarSequence,
      calendarSeatId: seat.calendarSeatId ?? seat.id,
      details,
    };
  }
}

/**
 * The calendar fields of a seat that continues `from`'s entry: its UID and a SEQUENCE above any
 * sent for it (`from`'s sequence has risen with its own change already). A fresh seat starts at 0.
 */
function continuing(from: Registration | undefined) {
  if (!from) return { calendarSeatId: null, calendarSequence: 0 };
  return { calendarSeatId: from.calendarSeatId ?? from.id, calendarSequence: from.calendarSequence + 1 };
}

/**
 * Registered seats in one multi-row INSERT … RETURNING (both engines have it): an applied
 * allocation writes thousands, and TypeORM's insert builder and the SELECT that read them back
 * cost more than the rows. The seats' ids by member.
 */
async function insertSeats(
  manager: EntityManager,
  seats: Array<
    Pick<Registration, 'cycleId' | 'memberId' | 'seminarId' | 'calendarSequence' | 'calendarSeatId'>
  >,
): Promise<Map<number, number>> {
  const parameters: Record<string, unknown> = {};
  const values = seats.map((seat, n) => {
    Object.assign(parameters, {
      [`cycle${n}`]: seat.cycleId,
      [`member${n}`]: seat.memberId,
      [`seminar${n}`]: seat.seminarId,
      [`sequence${n}`]: seat.calendarSequence,
      [`seat${n}`]: seat.calendarSeatId,
    });
    return `(:cycle${n}, :member${n}, :seminar${n}, 'registered', :sequence${n}, :seat${n})`;
  });
  const rows = await namedQuery<{ id: number; member_id: number }>(
    manager,
    `INSERT INTO registrations (cycle_id, member_id, seminar_id, state, calendar_sequence, calendar_seat_id)
     VALUES ${values.join(', ')} RETURNING id, member_id`,
    parameters,
  );
  return new Map(rows.map((row) => [Number(row.member_id), Number(row.id)]));
}
