import { Injectable } from '@nestjs/common';
import { danishCompare } from '../common/danish-order';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Dialect } from '../database/dialect';
import { hydrated } from '../database/hydrated';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { Venue } from '../planning/venue.entity';
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

/** A seminar as its roster shows it. */
export type RosterSeminar = Pick<
  Seminar,
  'id' | 'cycleId' | 'title' | 'startsAt' | 'endsAt' | 'capacity' | 'taken'
> & { venue: Pick<Venue, 'name' | 'town'> | null };

type RosterRow = Omit<RosterSeat, 'name' | 'email'> & {
  name: string | null;
  email: string | null;
  waitlistNumber: number | null;
};

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
  constructor(
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  /** A member's invitations and seat changes, oldest first, with each seminar's title. */
  async memberHistory(memberId: number) {
    // One plain statement: the member page shows it on every view.
    const { rows } = await this.transactor.read((m) =>
      this.dialect.raw<{
        kind: RegistrationEvent['kind'];
        at: unknown;
        actor: RegistrationEvent['actor'];
        seminar: string | null;
      }>(
        m,
        `SELECT e.kind AS "kind", e.created_at AS "at", e.actor AS "actor", s.title AS "seminar"
         FROM registration_events e LEFT JOIN seminars s ON s.id = e.seminar_id
         WHERE e.member_id = :memberId ORDER BY e.id`,
        { memberId },
      ),
    );
    return rows.map((r) => ({
      kind: r.kind,
      at: this.dialect.instant(r.at),
      actor: r.actor,
      seminar: r.seminar,
    }));
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
      // One plain statement: TypeORM's findOne with a relation is two (a DISTINCT query for the id first).
      const [found] = (
        await this.dialect.raw<Record<string, unknown>>(
          m,
          `SELECT s.id, s.cycle_id, s.title, s.starts_at, s.ends_at, s.capacity, s.taken,
                  v.name AS venue_name, v.town AS venue_town
           FROM seminars s LEFT JOIN venues v ON v.id = s.venue_id WHERE s.id = :seminarId`,
          { seminarId },
        )
      ).rows;
      if (!found) throw DomainError.notFound('Seminar', seminarId);
      const { id, cycleId, title, startsAt, endsAt, capacity, taken } = hydrated(m, Seminar, found);
      const seminar: RosterSeminar = {
        id,
        cycleId,
        title,
        startsAt,
        endsAt,
        capacity,
        taken,
        venue:
          found.venue_name === null
            ? null
            : { name: String(found.venue_name), town: String(found.venue_town) },
      };
      // Plain rows: hydrating every seat with its member was most of the roster page's time.
      const { rows } = await this.dialect.raw<RosterRow>(
        m,
        `SELECT r.id AS "registrationId", r.member_id AS "memberId", r.state AS "state",
                r.waitlist_number AS "waitlistNumber", m.name AS "name", m.email AS "email",
                m.municipality_code AS "municipalityCode", m.list_letter AS "listLetter",
                m.list_name AS "listName", m.diet AS "diet", m.accessibility AS "accessibility"
         FROM registrations r JOIN members m ON m.id = r.member_id
         WHERE r.seminar_id = :seminarId AND r.state IN (:...states) AND m.erased_at IS NULL`,
        { seminarId, states: ['registered', 'attended', 'no_show', ...WAITING_STATES] },
      );
      const line = (row: RosterRow): RosterSeat => ({
        registrationId: Number(row.registrationId),
        memberId: Number(row.memberId),
        name: row.name ?? '',
        email: row.email ?? '',
        municipalityCode: Number(row.municipalityCode),
        listLetter: row.listLetter,
        listName: row.listName,
        diet: row.diet,
        accessibility: row.accessibility,
        state: row.state,
      });
      return {
        seminar,
        participants: rows
          .filter((r) => holdsPlace(r.state))
          .map(line)
          .sort((a, b) => danishCompare(a.name, b.name)),
        waitingList: rows
          .filter((r) => WAITING_STATES.includes(r.state))
          .sort((a, b) => Number(a.waitlistNumber) - Number(b.waitlistNumber))
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
