import { SetMetadata } from '@nestjs/common';
import { StaffRole } from './roles';

export const ROLES_KEY = 'kattegat:roles';
export const PUBLIC_KEY = 'kattegat:public';
export const SESSION_PAGES_KEY = 'kattegat:session-pages';

/** The staff roles that may call a route or every route of a controller. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call: health, login, and the member's pages (which check their own token). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Staff pages: the staff session cookie, checked with the route's @Roles() by the web layer's
 * StaffSessionGuard, says who calls, not a bearer token. Only through web's @StaffPages(), which
 * puts the guard in place.
 */
export const SessionPages = () => SetMetadata(SESSION_PAGES_KEY, true);
