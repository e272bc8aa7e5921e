import { toCsv } from '../common/csv';
import { ExportedMember, ROLE_IN_DANISH } from '../cycles/export/members-csv';
import { PARTICIPATION_STATUSES, ParticipationStatus } from './participation';

/** The statuses the register filters on: the funnel's, and "invited" for everyone invited at all. */
export const REGISTER_STATUSES = ['invited', ...PARTICIPATION_STATUSES] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const STATUS_IN_DANISH: Record<ParticipationStatus | 'invited', string> = {
  invited: 'Inviteret',
  not_invited: 'Ikke inviteret',
  not_answered: 'Ikke svaret',
  registered: 'Tilmeldt',
  waitlisted: 'På venteliste',
  cancelled: 'Meldt afbud',
  attended: 'Deltog',
  no_show: 'Udeblev',
};

export const REGISTER_SORTS = ['navn', 'kommune', 'liste'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

const INVITED = `EXISTS (SELECT 1 FROM invitations i WHERE i.member_id = m.id AND i.purpose = 'invitation' AND i.revoked_at IS NULL)`;
const seatIn = (states: string) =>
  `EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = m.id AND r.state IN (${states}))`;
const ANY_SEAT = `EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = m.id)`;
const HELD = seatIn(`'registered', 'waitlisted', 'attended', 'no_show'`);

/**
 * The SQL condition on member `m` for a status, as participationStatus() decides it: a held seat
 * says where one stands, a cancelled seat with none held is a cancellation, else the invitation.
 * "registered" counts those whose seat became attendance or a no-show too, as the overview does.
 */
export function statusCondition(status: RegisterStatus): string {
  switch (status) {
    case 'invited':
      return INVITED;
    case 'not_invited':
      return `NOT ${INVITED} AND NOT ${ANY_SEAT}`;
    case 'not_answered':
      return `${INVITED} AND NOT ${ANY_SEAT}`;
    case 'registered':
      return seatIn(`'registered', 'attended', 'no_show'`);
    case 'cancelled':
      return `NOT ${HELD} AND ${seatIn(`'cancelled'`)}`;
    default:
      return seatIn(`'${status}'`);
  }
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
