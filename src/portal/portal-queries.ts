import { EntityManager } from 'typeorm';
import { Dialect } from '../database/dialect';
import { namedQuery } from '../database/named-query';
import { Member } from '../cycles/member.entity';
import { SeatState } from '../registrations/seat-state';

/**
 * The personal page's reads as plain rows. At an invitation wave's rush every page view pays for
 * them, and TypeORM's building of each statement and hydrating of entities cost more than SQLite's
 * answering them (the page's largest part in its profile). Same SQL on both engines.
 */

/** A seat of the member's, as the page needs it. */
export interface SeatRow {
  id: number;
  seminarId: number;
  state: SeatState;
  waitlistNumber: number | null;
}

/** A published seminar with its wave's registration window and its venue. */
export interface ListedSeminar {
  id: number;
  waveId: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  taken: number;
  registrationDeadline: Date;
  opensAt: Date;
  closesAt: Date;
  venue: {
    name: string;
    address: string;
    postalCode: string;
    town: string;
    latitude: number;
    longitude: number;
  };
}

/** A ranked wish or "cannot attend" mark of the member's. */
export interface PreferenceRow {
  seminarId: number;
  rank: number | null;
  excluded: boolean;
}

/** What the personal page shows of the member's own: seats, wishes and whether they declined. */
export interface MemberRows {
  /** Swap wishes and cancelled seats too, newest first. */
  seats: SeatRow[];
  preferences: PreferenceRow[];
  declined: boolean;
}

/** The member's seats in the cycle, swap wishes and cancelled ones too, newest first. */
export async function seatRows(m: EntityManager, dialect: Dialect, member: Member): Promise<SeatRow[]> {
  const { rows } = await dialect.raw<Record<string, unknown>>(
    m,
    `SELECT id, seminar_id AS "seminarId", state, waitlist_number AS "waitlistNumber"
     FROM registrations WHERE cycle_id = :cycle AND member_id = :member ORDER BY id DESC`,
    { cycle: member.cycleId, member: member.id },
  );
  return rows.map(seatOf);
}

/**
 * The member's seats, wishes and decline in one statement, a row of each with its kind: every
 * view of the page reads all three, and each statement costs more to run through the driver than
 * to answer. Parameters are bound, so the statement is prepared once for every member.
 */
export async function memberRows(m: EntityManager, dialect: Dialect, member: Member): Promise<MemberRows> {
  const { rows } = await dialect.raw<Record<string, unknown>>(
    m,
    `SELECT 'seat' AS kind, id, seminar_id AS "seminarId", state, waitlist_number AS "waitlistNumber",
       NULL AS rank, NULL AS excluded
     FROM registrations WHERE cycle_id = :cycle AND member_id = :member
     UNION ALL
     SELECT 'preference', NULL, seminar_id, NULL, NULL, rank, excluded
     FROM member_preferences WHERE member_id = :member
     UNION ALL
     SELECT 'declined', NULL, NULL, NULL, NULL, NULL, NULL
     FROM invitation_declines WHERE cycle_id = :cycle AND member_id = :member
     ORDER BY id DESC`,
    { cycle: member.cycleId, member: member.id },
  );
  return {
    // The seats' order survives the filter; the other kinds have no id to order by.
    seats: rows.filter((r) => r.kind === 'seat').map(seatOf),
    preferences: rows.filter((r) => r.kind === 'preference').map(preferenceOf),
    declined: rows.some((r) => r.kind === 'declined'),
  };
}

function seatOf(r: Record<string, unknown>): SeatRow {
  return {
    id: Number(r.id),
    seminarId: Number(r.seminarId),
    state: r.state as SeatState,
    waitlistNumber: r.waitlistNumber === null ? null : Number(r.waitlistNumber),
  };
}

function preferenceOf(r: Record<string, unknown>): PreferenceRow {
  return {
    seminarId: Number(r.seminarId),
    rank: r.rank === null ? null : Number(r.rank),
    // SQLite answers a boolean as 0 or 1, PostgreSQL as false or true.
    excluded: Boolean(r.excluded),
  };
}

/**
 * The cycle's published seminars of waves whose registration has not closed, soonest first, each
 * with its wave's window and its venue, in one statement.
 */
export async function publishedSeminarRows(
  m: EntityManager,
  dialect: Dialect,
  cycleId: number,
): Promise<ListedSeminar[]> {
  const rows = await namedQuery<Record<string, unknown>>(
    m,
    `SELECT s.id, s.wave_id AS "waveId", s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
       s.capacity, s.taken, s.registration_deadline AS "registrationDeadline",
       w.registration_opens_at AS "opensAt", w.registration_closes_at AS "closesAt",
       v.name AS "venueName", v.address AS "venueAddress", v.postal_code AS "venuePostalCode",
       v.town AS "venueTown", v.latitude AS "venueLatitude", v.longitude AS "venueLongitude"
     FROM seminars s
     JOIN waves w ON w.id = s.wave_id
     JOIN venues v ON v.id = s.venue_id
     WHERE w.cycle_id = :cycle AND s.status = 'published'
     ORDER BY s.starts_at ASC, s.id ASC`,
    { cycle: cycleId },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    waveId: Number(r.waveId),
    title: String(r.title),
    startsAt: dialect.instant(r.startsAt),
    endsAt: dialect.instant(r.endsAt),
    capacity: Number(r.capacity),
    taken: Number(r.taken),
    registrationDeadline: dialect.instant(r.registrationDeadline),
    opensAt: dialect.instant(r.opensAt),
    closesAt: dialect.instant(r.closesAt),
    venue: {
      name: String(r.venueName),
      address: String(r.venueAddress),
      postalCode: String(r.venuePostalCode),
      town: String(r.venueTown),
      latitude: Number(r.venueLatitude),
      longitude: Number(r.venueLongitude),
    },
  }));
}

/** The seminar of the member's seat, with its venue and its agenda in time order. */
export interface BookedSeminar {
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: { name: string; address: string; postalCode: string; town: string };
  agenda: { startsAt: Date; title: string; speaker: string | null }[];
}

/** The seminar of a seat, its venue and its agenda in one statement (a row per agenda item). */
export async function bookedSeminarRow(
  m: EntityManager,
  dialect: Dialect,
  seminarId: number,
): Promise<BookedSeminar> {
  const rows = await namedQuery<Record<string, unknown>>(
    m,
    `SELECT s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
       v.name AS "venueName", v.address AS "venueAddress", v.postal_code AS "venuePostalCode",
       v.town AS "venueTown",
       a.id AS "agendaId", a.starts_at AS "agendaStartsAt", a.title AS "agendaTitle",
       a.speaker AS "agendaSpeaker"
     FROM seminars s
     JOIN venues v ON v.id = s.venue_id
     LEFT JOIN agenda_items a ON a.seminar_id = s.id
     WHERE s.id = :seminar
     ORDER BY a.starts_at ASC, a.id ASC`,
    { seminar: seminarId },
  );
  const [first] = rows;
  if (!first) throw new Error(`No seminar ${seminarId}`);
  return {
    title: String(first.title),
    startsAt: dialect.instant(first.startsAt),
    endsAt: dialect.instant(first.endsAt),
    venue: {
      name: String(first.venueName),
      address: String(first.venueAddress),
      postalCode: String(first.venuePostalCode),
      town: String(first.venueTown),
    },
    agenda: rows
      .filter((r) => r.agendaId !== null)
      .map((r) => ({
        startsAt: dialect.instant(r.agendaStartsAt),
        title: String(r.agendaTitle),
        speaker: r.agendaSpeaker === null ? null : String(r.agendaSpeaker),
      })),
  };
}
