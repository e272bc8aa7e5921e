import { StaffRole } from '../auth/roles';

/**
 * Where a signed-in role begins. Admins and planners get the console's overview once it exists;
 * until then the planners' seminar list.
 */
export function startPageOf(role: StaffRole): string {
  switch (role) {
    case 'kl':
      return '/dashboard';
    case 'municipality':
      return '/min-kommune';
    default:
      return '/dashboard/seminarer';
  }
}
