/**
 * Copenhagen wall-clock time and the UTC instants behind it, for forms that ask for a date and a
 * time "in Danish time" and for plans that move seminars by whole days (a seminar at 13.00 stays
 * at 13.00 across the change to or from summer time).
 */
const ZONE = 'Europe/Copenhagen';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2})[.:](\d{2})$/;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A day and a time on the Copenhagen wall clock: `2026-01-15`, `13:00`. */
export interface LocalDateTime {
  date: string;
  time: string;
}

export function toLocal(instant: Date): LocalDateTime {
  const p: Record<string, string> = {};
  for (const part of wallClock.formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Whether `date` is a real calendar day written `åååå-mm-dd`. */
export function isLocalDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** `13.00` or `13:00` as `13:00`; null when it is not a time of day. */
export function normaliseTime(time: string): string | null {
  const m = TIME.exec(time.trim());
  if (!m || +m[1] > 23 || +m[2] > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/**
 * The instant the Copenhagen wall clock shows `date` `time`; null for a day or time that does not
 * exist. In the hour the clocks go back the earlier instant is taken; a time skipped in spring is
 * read as the instant one hour later, as a wall clock would show it.
 */
export function fromLocal(date: string, time: string): Date | null {
  const t = normaliseTime(time);
  if (!isLocalDate(date) || !t) return null;
  const asUtc = Date.parse(`${date}T${t}:00Z`);
  // Copenhagen is UTC+1 or UTC+2: try both offsets, keep the one that reads back as asked.
  for (const hours of [2, 1]) {
    const candidate = new Date(asUtc - hours * 3_600_000);
    const back = toLocal(candidate);
    if (back.date === date && back.time === t) return candidate;
  }
  return new Date(asUtc - 3_600_000);
}

/** The calendar day `days` after `date` (both `åååå-mm-dd`). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both `åååå-mm-dd`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The same wall-clock time `days` calendar days later (or earlier), whatever the clocks did between. */
export function shiftLocalDays(instant: Date, days: number): Date {
  const { date, time } = toLocal(instant);
  return fromLocal(addDays(date, days), time)!;
}
