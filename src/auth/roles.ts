export const STAFF_ROLES = ['admin', 'planner', 'kl', 'municipality'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The one role bound to a municipality: a municipal secretariat that keeps its own members up to date. */
export const MUNICIPAL_ROLE: StaffRole = 'municipality';

/** The roles that open special-category data (party affiliation, GDPR art. 9) and so need TOTP. */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = ['admin', 'planner'];

export const secondFactorRequired = (role: StaffRole, require2fa: boolean) =>
  require2fa && SECOND_FACTOR_ROLES.includes(role);
