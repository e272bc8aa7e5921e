import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../../auth/roles';
import { CsrfForm, Label } from '../../web/page-form';
import { PersonForm } from '../shell/person.form';

export const ACCOUNT_FIELDS = ['name', 'email', 'role', 'municipalityCode'] as const;

/** An empty choice ("Ingen kommune") is no municipality, left to the service to require or refuse. */
const municipalityCode = ({ value }: { value: unknown }) =>
  value === '' || value === undefined ? undefined : Number(value);

/** A form with the role and, for a municipal contact, its municipality. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any[] (TS2545)
function withRole<T extends new (...args: any[]) => CsrfForm>(Base: T) {
  class RoleFields extends Base {
    @Label('Rolle')
    @IsIn(STAFF_ROLES)
    role: StaffRole;

    @Label('Kommune')
    @IsOptional()
    @Transform(municipalityCode)
    @IsInt()
    municipalityCode?: number;
  }
  return RoleFields;
}

/** A new role for an account. */
export class RoleForm extends withRole(CsrfForm) {}

/** A new staff account; its first password is made by the app and shown once. */
export class StaffAccountForm extends withRole(PersonForm) {}
