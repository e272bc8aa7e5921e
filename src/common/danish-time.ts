const ZONE = 'Europe/Copenhagen';

const dateParts = new Intl.DateTimeFormat('da-DK', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('da-DK', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * `torsdag den 15. januar 2026` in Danish time. Built from parts rather than the formatter's own
 * pattern so the wording does not drift with the ICU version.
 */
export function formatDanishDate(date: Date): string {
  const parts = dateParts.formatToParts(date);
  return `${part(parts, 'weekday')} den ${part(parts, 'day')}. ${part(parts, 'month')} ${part(parts, 'year')}`;
}

/** `13.00` in Danish time (24-hour clock with a full stop). */
export function formatDanishTime(date: Date): string {
  const parts = timeParts.formatToParts(date);
  return `${part(parts, 'hour')}.${part(parts, 'minute')}`;
}

/** `torsdag den 15. januar 2026 kl. 13.00` in Danish time. */
export function formatDanishDateTime(date: Date): string {
  return `${formatDanishDate(date)} kl. ${formatDanishTime(date)}`;
}
