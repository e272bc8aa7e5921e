import { toCsv } from '../common/csv';
import { ExportedMember, ROLE_IN_DANISH } from '../cycles/export/members-csv';
import { PARTICIPATION_STATUSES, ParticipationStatus } from './participation';

/**
 * The statuses the register filters on: the funnel's, "invited" for everyone invited at all and
 * "opened" for everyone who opened their invitation's link.
 */
export const REGISTER_STATUSES = ['invited', 'opened', ...PARTICIPATION_STATUSES] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const STATUS_IN_DANISH: Record<ParticipationStatus | 'invited' | 'opened', string> = {
  invited: 'Inviteret',
  opened: 'Har åbnet linket',
  not_invited: 'Ikke inviteret',
  not_answered: 'Ikke svaret',
  registered: 'Tilmeldt',
  waitlisted: 'På venteliste',
  declined: 'Kan ikke deltage',
  cancelled: 'Meldt afbud',
  attended: 'Deltog',
  no_show: 'Udeblev',
};

export const REGISTER_SORTS = ['navn', 'kommune', 'liste'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

// Each subquery names the cycle too, so it uses the (cycle_id, member_id) indexes.
const INVITED = `EXISTS (SELECT 1 FROM invitations i WHERE i.cycle_id = m.cycle_id AND i.member_id = m.id AND i.purpose = 'invitation' AND i.revoked_at IS NULL)`;
const OPENED = `EXISTS (SELECT 1 FROM invitations i WHERE i.cycle_id = m.cycle_id AND i.member_id = m.id AND i.purpose = 'invitation' AND i.opened_at IS NOT NULL)`;
const DECLINED = `EXISTS (SELECT 1 FROM invitation_declines d WHERE d.cycle_id = m.cycle_id AND d.member_id = m.id)`;
/** Seat states that hold a place, and those that count as registered. */
const HELD_STATES = `'registered', 'waitlisted', 'attended', 'no_show'`;
const REGISTERED_SEAT_STATES: readonly string[] = ['registered', 'attended', 'no_show'];
const REGISTERED_STATES = REGISTERED_SEAT_STATES.map((state) => `'${state}'`).join(', ');
/** Seats of the wave bound as `:wave` only, when the board looks at one wave. */
const IN_WAVE = ' AND r.seminar_id IN (SELECT s.id FROM seminars s WHERE s.wave_id = :wave)';

/**
 * participationStatus() as SQL on member `m`, with the two flags the board counts beside it: the
 * assignments of the UPDATE that keeps each member's stored status (migration
 * 1766900000000-stored-participation-status runs it from triggers on invitations, seats and
 * declines). The newest standing seat says where one stands, then a decline, then a cancelled seat,
 * then the invitation.
 */
export const STORED_STATUS_ASSIGNMENTS = `participation_status = COALESCE(
    (SELECT r.state FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id
      AND r.state IN (${HELD_STATES}) ORDER BY r.id DESC LIMIT 1),
    CASE WHEN ${DECLINED} THEN 'declined'
      WHEN EXISTS (SELECT 1 FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id AND r.state = 'cancelled') THEN 'cancelled'
      WHEN ${INVITED} THEN 'not_answered'
      ELSE 'not_invited' END),
  invited = ${INVITED},
  opened = ${OPENED}`;

/**
 * A status as a condition on member `m`'s stored status (a cycle's board and list, no wave):
 * "registered" counts attendance and no-shows too, as the overview does.
 */
export function storedStatusCondition(status: RegisterStatus): string {
  if (status === 'invited' || status === 'opened') return `m.${status} = TRUE`;
  if (status === 'registered') return `m.participation_status IN (${REGISTERED_STATES})`;
  return `m.participation_status = '${status}'`;
}

/**
 * How many members have one stored status and pair of flags, as the database gives them: SQLite's
 * flags as 0 or 1, PostgreSQL's COUNT as text.
 */
export interface StoredCount {
  status: ParticipationStatus;
  invited: boolean | number;
  opened: boolean | number;
  members: number | string;
}

/** How many members each status selects, from the members counted per stored status and flags. */
export function countsOfStored(
  rows: StoredCount[],
  statuses: readonly RegisterStatus[],
): Map<RegisterStatus, number> {
  const sum = (of: (row: StoredCount) => number) => rows.reduce((n, row) => n + of(row), 0);
  return new Map(
    statuses.map((status) => [
      status,
      status === 'invited' || status === 'opened'
        ? sum((row) => (row[status] ? Number(row.members) : 0))
        : sum((row) =>
            row.status === status || (status === 'registered' && REGISTERED_SEAT_STATES.includes(row.status))
              ? Number(row.members)
              : 0,
          ),
    ]),
  );
}

/** A member with a seat, of any state, at one of the wave's seminars (bind `:wave`). */
export const SEAT_IN_WAVE = `EXISTS (SELECT 1 FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id${IN_WAVE})`;

/** The statuses a board for one wave counts: those of seats, as invitations and declines are per cycle. */
export const WAVE_STATUSES: readonly RegisterStatus[] = [
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'no_show',
];

/** A seat status and the seat states it counts ("registered" includes attendance and no-shows). */
const SEAT_STATES: Partial<Record<RegisterStatus, string>> = {
  registered: REGISTERED_STATES,
  waitlisted: `'waitlisted'`,
  cancelled: `'cancelled'`,
  attended: `'attended'`,
  no_show: `'no_show'`,
};

/**
 * A status at one wave, as SQL on member `m` (bind `:wave`): only seats at the wave's seminars
 * decide it, which no stored status says, and a cancelled seat counts when none is held there. A
 * status no seat has (invited, declined, …) is the member's own.
 */
export function waveStatusCondition(status: RegisterStatus): string {
  const seatIn = (states: string) =>
    `EXISTS (SELECT 1 FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id AND r.state IN (${states})${IN_WAVE})`;
  const states = SEAT_STATES[status];
  if (status === 'cancelled') return `NOT ${seatIn(HELD_STATES)} AND ${seatIn(states!)}`;
  return states ? seatIn(states) : storedStatusCondition(status);
}

export interface RegisterRow extends Omit<ExportedMember, 'diet' | 'accessibility' | 'note'> {
  id: number;
  status: ParticipationStatus;
  erased: boolean;
}

/** A member as a short list of the register shows them: who, their e-mail, their municipality. */
export type RegisterContact = Pick<RegisterRow, 'id' | 'name' | 'email' | 'municipalityName'>;

/** The rows of the register as shown, as Danish Excel opens them (see toCsv). */
export function registerCsv(rows: RegisterRow[]): string {
  return toCsv(
    [
      'Navn',
      'E-mail',
      'Telefon',
      'Kommune',
      'Region',
      'Partibogstav',
      'Listenavn',
      'Nyvalgt',
      'Rolle',
      'Status',
    ],
    rows.map((r) => [
      r.name,
      r.email,
      r.phone,
      r.municipalityName,
      r.regionName,
      r.listLetter,
      r.listName,
      r.newlyElected ? 'ja' : 'nej',
      ROLE_IN_DANISH[r.role],
      STATUS_IN_DANISH[r.status],
    ]),
  );
}
