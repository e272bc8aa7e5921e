import { StaffRole } from './roles';
import { StaffUser } from './staff-user.entity';

/** Who changes a staff account: a signed-in admin, or null for the command line and the start-up. */
export interface StaffActor {
  id: number;
  role: StaffRole;
}

export type StaffChange =
  | 'staff.create'
  | 'staff.role'
  | 'staff.disable'
  | 'staff.enable'
  | 'staff.rename'
  | 'staff.municipality'
  | 'staff.password_reset'
  | 'staff.sessions_end'
  | 'staff.session_end'
  | 'staff.second_factor_reset';

/** What was done to which account, by whom: ids and names of fields only, for the audit log. */
export interface StaffChanged {
  actor: StaffActor | null;
  staffUserId: number;
  changes: StaffChange[];
}

declare module '../database/domain-events' {
  interface DomainEventMap {
    'staff.changed': StaffChanged;
  }
}

type Compared = Pick<StaffUser, 'role' | 'name' | 'disabledAt' | 'municipalityCode'>;

/** The kinds of change between an account before and after, in a fixed order. */
export function changesOf(before: Compared, after: Compared, newPassword: boolean): StaffChange[] {
  const changes: StaffChange[] = [];
  if (after.role !== before.role) changes.push('staff.role');
  if (after.name !== before.name) changes.push('staff.rename');
  if (after.municipalityCode !== before.municipalityCode) changes.push('staff.municipality');
  if (after.disabledAt !== null && before.disabledAt === null) changes.push('staff.disable');
  if (after.disabledAt === null && before.disabledAt !== null) changes.push('staff.enable');
  if (newPassword) changes.push('staff.password_reset');
  return changes;
}
