const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationReminderKind = 'after_invitation' | 'before_deadline';

export interface InvitationReminderRule {
  /** Days after the invitation for the first reminder. */
  afterDays: number;
  /** Days before the registration deadline for the last one. */
  beforeDeadlineDays: number;
}

/**
 * Which invitation reminder is due at `now`, if any. The first is due from `afterDays` after the
 * invitation until the last one's turn; the last from `beforeDeadlineDays` before the deadline
 * until the deadline. The two windows do not overlap, so one look sends at most one; an
 * invitation sent late enough gets only the last.
 */
export function dueInvitationReminder(
  now: Date,
  invitedAt: Date,
  deadline: Date,
  rule: InvitationReminderRule,
): InvitationReminderKind | null {
  if (now >= deadline) return null;
  const lastFrom = deadline.getTime() - rule.beforeDeadlineDays * DAY_MS;
  if (now.getTime() >= lastFrom) return invitedAt.getTime() < lastFrom ? 'before_deadline' : null;
  if (now.getTime() >= invitedAt.getTime() + rule.afterDays * DAY_MS) return 'after_invitation';
  return null;
}
