const DOORS_OPEN_MS = 3 * 3600 * 1000;

/**
 * When attendance can first be recorded: three hours before the seminar begins, so the planner can
 * tick people off at the door as they arrive (before that, a tick would be a mistake).
 */
export function attendanceOpensAt(seminarStartsAt: Date): Date {
  return new Date(seminarStartsAt.getTime() - DOORS_OPEN_MS);
}

export function attendanceOpen(seminarStartsAt: Date, now: Date): boolean {
  return now >= attendanceOpensAt(seminarStartsAt);
}
