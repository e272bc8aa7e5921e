export const STAFF_ROLES = ['admin', 'planner', 'kl'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
