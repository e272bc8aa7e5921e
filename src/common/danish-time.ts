/**
 * Dates and times as a Danish reader expects them, always in Europe/Copenhagen whatever the
 * server's zone: `torsdag den 15. januar 2026 kl. 13.00`. Built from Intl parts rather than the
 * formatted string so that a different ICU version cannot change the punctuation.
 */
const ZONE = 'Europe/Copenhagen';

const dateParts = new Intl.DateTimeFormat('da-DK', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: ZONE,
});
const timeParts = new Intl.DateTimeFormat('da-DK', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: ZONE,
});

/**
 * formatToParts is slow (a personal page formats ~100 dates), and the same few instants (a
 * cycle's seminars and deadlines) come back on every page, so the parts are remembered per
 * instant; the memory is emptied when it has grown large.
 */
const remembered = new Map<Intl.DateTimeFormat, Map<number, Record<string, string>>>();
const REMEMBERED_MAX = 5000;

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  let known = remembered.get(format);
  if (!known) remembered.set(format, (known = new Map()));
  const at = date.getTime();
  const hit = known.get(at);
  if (hit) return hit;
  const result: Record<string, string> = {};
  for (const part of format.formatToParts(date)) result[part.type] = part.value;
  if (known.size >= REMEMBERED_MAX) known.clear();
  known.set(at, result);
  return result;
}

/** `torsdag den 15. januar 2026` */
export function formatDanishDate(date: Date): string {
  const p = parts(dateParts, date);
  return `${p.weekday} den ${p.day}. ${p.month} ${p.year}`;
}

/** `15. januar 2026`, where the weekday would crowd a table cell */
export function formatShortDanishDate(date: Date): string {
  const p = parts(dateParts, date);
  return `${p.day}. ${p.month} ${p.year}`;
}

/** `13.00` */
export function formatDanishTime(date: Date): string {
  const p = parts(timeParts, date);
  return `${p.hour}.${p.minute}`;
}

/** `torsdag den 15. januar 2026 kl. 13.00` */
export function formatDanishDateTime(date: Date): string {
  return `${formatDanishDate(date)} kl. ${formatDanishTime(date)}`;
}
