import { StaffRole, STAFF_ROLES } from '../../auth/roles';
import { formatDanishDateTime } from '../../common/danish-time';

export const ROLE_IN_DANISH: Record<StaffRole, string> = {
  admin: 'Administrator',
  planner: 'Planlægger',
  kl: 'KL-analytiker',
  municipality: 'Kommunal kontaktperson',
};

/** What the account page says after each action (the path of the form it posted). */
const ACTION_NOTICES = {
  luk: 'Kontoen er lukket, og alle dens sessioner er afsluttet.',
  genaabn: 'Kontoen er åbnet igen.',
  totrin: 'Totrinsbekræftelsen er nulstillet. Personen sætter den op igen ved næste login.',
  sessioner: 'Alle kontoens sessioner er afsluttet.',
};

export type Action = keyof typeof ACTION_NOTICES;

export const isAction = (path: string): path is Action => Object.hasOwn(ACTION_NOTICES, path);

export const NOTICES: Record<string, string> = {
  ...ACTION_NOTICES,
  rolle: 'Rollen er ændret. Kontoens sessioner er afsluttet.',
  session: 'Sessionen er afsluttet.',
};

const AUDIT_IN_DANISH: Record<string, string> = {
  'staff.create': 'Oprettet',
  'staff.role': 'Rolle ændret',
  'staff.rename': 'Navn ændret',
  'staff.municipality': 'Kommune ændret',
  'staff.disable': 'Lukket',
  'staff.enable': 'Åbnet igen',
  'staff.password_reset': 'Ny adgangskode',
  'staff.sessions_end': 'Alle sessioner afsluttet',
  'staff.session_end': 'En session afsluttet',
  'staff.second_factor_reset': 'Totrinsbekræftelse nulstillet',
};

interface Account {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  municipalityCode: number | null;
  disabledAt: Date | null;
  totpEnabledAt: Date | null;
}

/** One account as the Personale list shows it. */
export function accountRow(account: Account, municipalities: Map<number, string>, lastSignIn?: Date) {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    role: ROLE_IN_DANISH[account.role],
    municipality:
      account.municipalityCode === null ? '' : (municipalities.get(account.municipalityCode) ?? ''),
    disabled: account.disabledAt !== null,
    secondFactor: account.totpEnabledAt !== null ? 'Til' : 'Fra',
    secondFactorOn: account.totpEnabledAt !== null,
    lastSignIn: lastSignIn ? formatDanishDateTime(lastSignIn) : 'Aldrig',
  };
}

/** The role choices of a form, the given one selected. */
export function roleChoices(selected: string) {
  return STAFF_ROLES.map((role) => ({
    value: role,
    label: ROLE_IN_DANISH[role],
    selected: role === selected,
  }));
}

/** Audit entries of an account, newest first, in Danish. */
export function auditRows(
  entries: Array<{ at: Date; action: string; actorStaffId: number | null }>,
  names: Map<number, string>,
) {
  return entries.map((e) => ({
    at: formatDanishDateTime(e.at),
    what: AUDIT_IN_DANISH[e.action] ?? e.action,
    by: e.actorStaffId === null ? 'kommandolinjen' : (names.get(e.actorStaffId) ?? `konto ${e.actorStaffId}`),
  }));
}
