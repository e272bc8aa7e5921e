import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { In } from 'typeorm';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { MemberPreference } from './member-preference.entity';
import { RegistrationEvent } from './registration-event.entity';
import { Registration } from './registration.entity';
import { holdsPlace, isActive, SeatState, WAITING_STATES } from './seat-state';

export interface SeatLine {
  registrationId: number;
  memberId: number;
  name: string | null;
  municipalityCode: number;
  state: string;
  since: Date;
}

/** A seat on a seminar's roster with what the venue needs to know of its member. */
export interface RosterSeat {
  registrationId: number;
  memberId: number;
  name: string;
  email: string;
  municipalityCode: number;
  listLetter: string;
  listName: string;
  diet: string | null;
  accessibility: string | null;
  state: SeatState;
}

/** A seminar as the roster's choices show it: when, and how many seats are free. */
export interface SeminarChoice {
  id: number;
  title: string;
  startsAt: Date;
  free: number;
}

/** The planner's read-only views of seats. */
@Injectable()
export class SeatViewsService {
  constructor(private readonly transactor: Transactor) {}

  /** A member's invitations and seat changes, oldest first, with each seminar's title. */
  memberHistory(memberId: number) {
    return this.transactor.run(async (m) => {
      const events = await m.find(RegistrationEvent, { where: { memberId }, order: { id: 'ASC' } });
      const ids = [...new Set(events.map((e) => e.seminarId).filter((id): id is number => id !== null))];
      const seminars = ids.length
        ? await m.find(Seminar, { select: { id: true, title: true }, where: { id: In(ids) } })
        : [];
      const title = new Map(seminars.map((s) => [s.id, s.title]));
      return events.map((e) => ({
        kind: e.kind,
        at: e.createdAt,
        actor: e.actor,
        seminar: e.seminarId === null ? null : (title.get(e.seminarId) ?? null),
      }));
    });
  }

  seminarSeats(seminarId: number) {
    return this.transactor.run(async (m) => {
      const seminar = await m.findOneBy(Seminar, { id: seminarId });
      if (!seminar) throw DomainError.notFound('Seminar', seminarId);
      const seats = await m.find(Registration, {
        where: { seminarId },
        relations: { member: true },
        order: { id: 'ASC' },
      });
      const line = (seat: Registration): SeatLine => ({
        registrationId: seat.id,
        memberId: seat.memberId,
        name: seat.member?.name ?? null,
        municipalityCode: seat.member?.municipalityCode ?? 0,
        state: seat.state,
        since: seat.updatedAt,
      });
      return {
        seminarId,
        capacity: seminar.capacity,
        taken: seminar.taken,
        participants: seats.filter((s) => holdsPlace(s.state)).map(line),
        waitingList: seats
          .filter((s) => WAITING_STATES.includes(s.state))
          .sort((a, b) => a.waitlistNumber! - b.waitlistNumber!)
          .map((seat, i) => ({ position: i + 1, ...line(seat) })),
      };
    });
  }

  /**
   * A seminar's roster: those holding a place by name, then the waiting list in its order. Erased
   * members are left out (their seats stay for the statistics).
   */
  roster(seminarId: number) {
    return this.transactor.run(async (m) => {
      const seminar = await m.findOne(Seminar, { where: { id: seminarId }, relations: { venue: true } });
      if (!seminar) throw DomainError.notFound('Seminar', seminarId);
      const seats = await m.find(Registration, {
        where: { seminarId, state: In(['registered', 'attended', 'no_show', ...WAITING_STATES]) },
        relations: { member: true },
      });
      const line = (seat: Registration): RosterSeat => ({
        registrationId: seat.id,
        memberId: seat.memberId,
        name: seat.member!.name ?? '',
        email: seat.member!.email ?? '',
        municipalityCode: seat.member!.municipalityCode,
        listLetter: seat.member!.listLetter,
        listName: seat.member!.listName,
        diet: seat.member!.diet,
        accessibility: seat.member!.accessibility,
        state: seat.state,
      });
      const shown = seats.filter((s) => s.member && !s.member.erasedAt);
      return {
        seminar,
        participants: shown
          .filter((s) => holdsPlace(s.state))
          .map(line)
          .sort((a, b) => a.name.localeCompare(b.name, 'da')),
        waitingList: shown
          .filter((s) => WAITING_STATES.includes(s.state))
          .sort((a, b) => a.waitlistNumber! - b.waitlistNumber!)
          .map(line),
      };
    });
  }

  /** The member's seat or waiting-list place in the cycle, if any, with its seminar's title. */
  standingSeat(cycleId: number, memberId: number) {
    return this.transactor.run(async (m) => {
      const seats = await m.find(Registration, {
        where: { cycleId, memberId },
        relations: { seminar: true },
      });
      const seat = seats.find((s) => isActive(s.state));
      return seat ? { registrationId: seat.id, state: seat.state, seminar: seat.seminar! } : null;
    });
  }

  /** The cycle's published seminars, soonest first, each with its free seats. */
  seminarChoices(cycleId: number): Promise<SeminarChoice[]> {
    return this.transactor.run(async (m) => {
      const seminars = await m.find(Seminar, {
        where: { cycleId, status: 'published' },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      return seminars.map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        free: Math.max(0, s.capacity - s.taken),
      }));
    });
  }

  /** Members' ranked wishes and "cannot attend" marks, for the planner and the allocation. */
  preferences(cycleId: number) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      const rows = await m.find(MemberPreference, {
        where: { cycleId },
        order: { memberId: 'ASC', id: 'ASC' },
      });
      return rows.map(({ memberId, seminarId, rank, excluded }) => ({ memberId, seminarId, rank, excluded }));
    });
  }
}
