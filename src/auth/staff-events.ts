import { StaffRole } from './roles';

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
