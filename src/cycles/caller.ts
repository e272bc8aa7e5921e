import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { MUNICIPAL_ROLE } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { Actor } from './gdpr/audit-log.service';

/** Who asks, and which municipality's members they may touch (null: every municipality). */
export interface Caller extends Actor {
  municipalityCode: number | null;
}

export const CLI_CALLER: Caller = { staffId: null, label: 'cli', municipalityCode: null };

export function callerOf(staff: AuthenticatedStaff): Caller {
  return {
    staffId: staff.id,
    label: staff.role,
    municipalityCode: staff.role === MUNICIPAL_ROLE ? staff.municipalityCode : null,
  };
}

export function checkMunicipality(caller: Caller, municipalityCode: number): void {
  if (caller.municipalityCode !== null && caller.municipalityCode !== municipalityCode) {
    throw new DomainError(
      'forbidden',
      'member.other_municipality',
      `This account may only see and change the members of municipality ${caller.municipalityCode}`,
    );
  }
}
