export const STAFF_ROLES = ['admin', 'planner', 'kl', 'municipality'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The one role bound to a municipality: a municipal secretariat that keeps its own members up to date. */
export const MUNICIPAL_ROLE: StaffRole = 'municipality';
