import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { In } from 'typeorm';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { MemberPreference } from './member-preference.entity';
import { RegistrationEvent } from './registration-event.entity';
import { Registration } from './registration.entity';
import { holdsPlace, WAITING_STATES } from './seat-state';

export interface SeatLine {
  registrationId: number;
  memberId: number;
  name: string | null;
  municipalityCode: number;
  state: string;
  since: Date;
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
