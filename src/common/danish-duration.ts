import { formatDanishTime } from './danish-time';

const NUMBER_WORDS = ['', 'et', 'to', 'tre', 'fire', 'fem', 'seks', 'syv'];

const ymd = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Copenhagen',
});

/** Whole days between two Copenhagen calendar dates. */
function calendarDaysBetween(start: Date, end: Date): number {
  const day = (d: Date) => Date.parse(`${ymd.format(d)}T00:00:00Z`);
  return Math.round((day(end) - day(start)) / 86_400_000);
}

/**
 * How long a seminar lasts, in the words a Danish reader uses, or null when there are no honest
 * short words for it. Counted on the Copenhagen wall clock, so a seminar over the change to
 * summer time is still "to døgn": Thursday 13.00 to Saturday 13.00 → `to døgn`; Thursday 10.00 to
 * Saturday 15.00 → `tre dage`; 9.00 to 16.30 the same day → `7½ time`.
 */
export function danishDuration(start: Date, end: Date): string | null {
  if (end <= start) return null;
  const days = calendarDaysBetween(start, end);
  if (days === 0) {
    const halfHours = Math.round((end.getTime() - start.getTime()) / 1_800_000);
    const hours = Math.floor(halfHours / 2);
    const half = halfHours % 2 === 1 ? '½' : '';
    if (hours === 0) return half ? '½ time' : null;
    // "7½ time" and "1 time", but "7 timer".
    return `${hours}${half} ${hours === 1 || half ? 'time' : 'timer'}`;
  }
  const words = NUMBER_WORDS[days + 1];
  if (formatDanishTime(start) === formatDanishTime(end)) return `${NUMBER_WORDS[days]} døgn`;
  return words ? `${words} dage` : null;
}
