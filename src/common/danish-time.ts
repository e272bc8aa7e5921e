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

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of format.formatToParts(date)) result[part.type] = part.value;
  return result;
}

/** `torsdag den 15. januar 2026` */
export function formatDanishDate(date: Date): string {
  const p = parts(dateParts, date);
  return `${p.weekday} den ${p.day}. ${p.month} ${p.year}`;
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
