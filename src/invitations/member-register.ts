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
const REGISTERED_STATES = `'registered', 'attended', 'no_show'`;
/** Seats of the wave bound as `:wave` only, when the board looks at one wave. */
const IN_WAVE = ' AND r.seminar_id IN (SELECT s.id FROM seminars s WHERE s.wave_id = :wave)';

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

/**
 * The SQL condition on member `m` for a status, as participationStatus() decides it: a held seat
 * says where one stands, then a decline, then a cancelled seat with none held, else the invitation.
 * "registered" counts those whose seat became attendance or a no-show too, as the overview does.
 * With `wave`, only seats at the wave's seminars count (bind `:wave`), and only WAVE_STATUSES apply.
 */
export function statusCondition(status: RegisterStatus, wave = false): string {
  const scope = wave ? IN_WAVE : '';
  const seatIn = (states: string) =>
    `EXISTS (SELECT 1 FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id AND r.state IN (${states})${scope})`;
  return statusRule(status, wave, {
    invited: INVITED,
    opened: OPENED,
    declined: DECLINED,
    anySeat: `EXISTS (SELECT 1 FROM registrations r WHERE r.cycle_id = m.cycle_id AND r.member_id = m.id)`,
    held: seatIn(HELD_STATES),
    seat: (state) => seatIn(SEAT_STATES[state]),
  });
}

/** A seat status and the seat states it counts ("registered" includes attendance and no-shows). */
const SEAT_STATES = {
  registered: REGISTERED_STATES,
  waitlisted: `'waitlisted'`,
  cancelled: `'cancelled'`,
  attended: `'attended'`,
  no_show: `'no_show'`,
} as const;
type SeatStatus = keyof typeof SEAT_STATES;

/** The conditions a status is decided by, as SQL on member `m`. */
interface StatusPredicates {
  invited: string;
  opened: string;
  declined: string;
  anySeat: string;
  held: string;
  seat: (status: SeatStatus) => string;
}

/** participationStatus() as SQL, once for both ways of asking it (statusCondition, statusFlag). */
function statusRule(status: RegisterStatus, wave: boolean, p: StatusPredicates): string {
  switch (status) {
    case 'invited':
      return p.invited;
    case 'opened':
      return p.opened;
    case 'not_invited':
      return `NOT ${p.invited} AND NOT ${p.anySeat} AND NOT ${p.declined}`;
    case 'not_answered':
      return `${p.invited} AND NOT ${p.anySeat} AND NOT ${p.declined}`;
    case 'declined':
      return `NOT ${p.held} AND ${p.declined}`;
    case 'cancelled':
      return wave
        ? `NOT ${p.held} AND ${p.seat('cancelled')}`
        : `NOT ${p.held} AND NOT ${p.declined} AND ${p.seat('cancelled')}`;
    default:
      return p.seat(status);
  }
}

/**
 * What statusCondition asks of each member, as flags of one row per member: the seat flags of
 * `seat` count only the wave's seminars with `wave` (bind `:wave`), `seat.member_id` is any seat
 * at all. Each is a LEFT JOIN on `<alias>.member_id = m.id` (bind `:cycleId`), grouped first so a
 * member stays one row.
 */
export function statusFlagJoins(wave: boolean): Array<[alias: string, subQuery: string]> {
  const flag = (states: string) =>
    `MAX(CASE WHEN r.state IN (${states})${wave ? IN_WAVE : ''} THEN 1 ELSE 0 END)`;
  return [
    [
      'inv',
      `(SELECT i.member_id, MAX(CASE WHEN i.revoked_at IS NULL THEN 1 ELSE 0 END) AS invited,
          MAX(CASE WHEN i.opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened
        FROM invitations i WHERE i.cycle_id = :cycleId AND i.purpose = 'invitation' GROUP BY i.member_id)`,
    ],
    ['dec', `(SELECT DISTINCT d.member_id FROM invitation_declines d WHERE d.cycle_id = :cycleId)`],
    [
      'seat',
      `(SELECT r.member_id, ${flag(HELD_STATES)} AS held, ${Object.entries(SEAT_STATES)
        .map(([status, states]) => `${flag(states)} AS ${status}`)
        .join(', ')}
        FROM registrations r WHERE r.cycle_id = :cycleId GROUP BY r.member_id)`,
    ],
  ];
}

/**
 * The same rule as statusCondition, on the flags of statusFlagJoins: the board
 * counts all its statuses in one pass over the members, where one statement per status with its
 * EXISTS per member took nearly all of Deltagelse's time.
 */
export function statusFlag(status: RegisterStatus, wave = false): string {
  const is = (flag: string) => `COALESCE(${flag}, 0) = 1`;
  return statusRule(status, wave, {
    invited: is('inv.invited'),
    opened: is('inv.opened'),
    declined: 'dec.member_id IS NOT NULL',
    anySeat: 'seat.member_id IS NOT NULL',
    held: is('seat.held'),
    seat: (state) => is(`seat.${state}`),
  });
}

export interface RegisterRow extends Omit<ExportedMember, 'diet' | 'accessibility' | 'note'> {
  id: number;
  status: ParticipationStatus;
  erased: boolean;
}

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
