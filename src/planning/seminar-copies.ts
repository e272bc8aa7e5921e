import { daysBetween, shiftLocalDays, toLocal } from '../common/local-time';

/** What moves when a seminar is copied to another day: its times and its agenda's. */
export interface SeminarTimesToCopy {
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
  agenda: Array<{ startsAt: Date; title: string; speaker: string | null }>;
}

/**
 * The seminar's times `days` calendar days later, each at the same Copenhagen wall-clock time (a
 * seminar from 13.00 stays at 13.00 across the change to summer time, though the hours between
 * differ).
 */
export function shiftSeminarTimes<T extends SeminarTimesToCopy>(
  seminar: T,
  days: number,
): SeminarTimesToCopy {
  return {
    startsAt: shiftLocalDays(seminar.startsAt, days),
    endsAt: shiftLocalDays(seminar.endsAt, days),
    registrationDeadline: shiftLocalDays(seminar.registrationDeadline, days),
    agenda: seminar.agenda.map((item) => ({ ...item, startsAt: shiftLocalDays(item.startsAt, days) })),
  };
}

/** The calendar days from the seminar's first day to `startDate` (`åååå-mm-dd`). */
export function daysToStart(startsAt: Date, startDate: string): number {
  return daysBetween(toLocal(startsAt).date, startDate);
}
