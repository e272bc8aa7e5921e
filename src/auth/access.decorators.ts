import { SetMetadata } from '@nestjs/common';
import { StaffRole } from './roles';

export const ROLES_KEY = 'kattegat:roles';
export const PUBLIC_KEY = 'kattegat:public';

/** The staff roles that may call a route or every route of a controller. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call: health, login, and the member's pages (which check their own token). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
