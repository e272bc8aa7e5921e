import { StaffRole } from './roles';

/** Who is calling, as the guard put it on the request. */
export interface AuthenticatedStaff {
  id: number;
  email: string;
  role: StaffRole;
  municipalityCode: number | null;
}
