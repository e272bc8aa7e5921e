const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** How far Copenhagen's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number): number {
  const p: Record<string, number> = {};
  for (const part of wallClock.formatToParts(new Date(instant))) p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant a Copenhagen wall-clock date (`2026-01-13`) and time (`08:00`) name, as a form's date
 * and time fields give them; null when they are not a real date and time. In the hour skipped in
 * spring the time is read as summer time.
 */
export function copenhagenInstant(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3])[:.]([0-5]\d)$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/** The date and time fields (`2026-01-13`, `08:00`) that show an instant on Copenhagen's clock. */
export function copenhagenFields(instant: Date): { date: string; time: string } {
  const local = new Date(instant.getTime() + offsetAt(instant.getTime()));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
