const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which reminder a seat is due for now, if any: of the configured days before the start, the
 * nearest one whose moment has come. A seat taken after that moment gets none (its confirmation
 * is fresh), and nothing is due once the seminar has begun.
 */
export function dueReminder(
  now: Date,
  seat: { startsAt: Date; registeredAt: Date },
  reminderDays: number[],
): number | null {
  if (now >= seat.startsAt) return null;
  const due = reminderDays
    .filter((days) => now.getTime() >= seat.startsAt.getTime() - days * DAY_MS)
    .sort((a, b) => a - b)[0];
  if (due === undefined) return null;
  return seat.registeredAt.getTime() < seat.startsAt.getTime() - due * DAY_MS ? due : null;
}
