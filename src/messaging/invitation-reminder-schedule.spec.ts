import { dueInvitationReminder } from './invitation-reminder-schedule';

const DAY = 24 * 60 * 60 * 1000;
const invited = new Date('2025-12-01T09:00:00Z');
const deadline = new Date('2026-01-10T22:59:00Z');
const rule = { afterDays: 7, beforeDeadlineDays: 5 };
const at = (ms: number) => new Date(ms);

describe(dueInvitationReminder.name, () => {
  it.each([
    ['a day after the invitation', invited.getTime() + DAY, null],
    ['just before seven days', invited.getTime() + 7 * DAY - 1, null],
    ['seven days after', invited.getTime() + 7 * DAY, 'after_invitation'],
    ['a month after, still before the last window', deadline.getTime() - 5 * DAY - 1, 'after_invitation'],
    ['five days before the deadline', deadline.getTime() - 5 * DAY, 'before_deadline'],
    ['an hour before the deadline', deadline.getTime() - 3600_000, 'before_deadline'],
    ['at the deadline', deadline.getTime(), null],
  ])('%s', (_what, now, expected) => {
    expect(dueInvitationReminder(at(now), invited, deadline, rule)).toBe(expected);
  });

  it('an invitation sent inside the last window gets no reminder at all (it is itself the last word)', () => {
    const late = new Date(deadline.getTime() - 3 * DAY);
    expect(dueInvitationReminder(at(late.getTime() + DAY), late, deadline, rule)).toBeNull();
  });

  it('an invitation sent shortly before the last window gets only the last reminder', () => {
    const late = new Date(deadline.getTime() - 8 * DAY);
    expect(dueInvitationReminder(at(late.getTime() + 2 * DAY), late, deadline, rule)).toBeNull();
    expect(dueInvitationReminder(at(deadline.getTime() - 4 * DAY), late, deadline, rule)).toBe(
      'before_deadline',
    );
  });

  it('follows the cycle’s own numbers', () => {
    const own = { afterDays: 3, beforeDeadlineDays: 10 };
    expect(dueInvitationReminder(at(invited.getTime() + 3 * DAY), invited, deadline, own)).toBe(
      'after_invitation',
    );
    expect(dueInvitationReminder(at(deadline.getTime() - 10 * DAY), invited, deadline, own)).toBe(
      'before_deadline',
    );
  });
});
