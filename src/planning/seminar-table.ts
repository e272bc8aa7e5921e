import { fromLocal, isLocalDate, normaliseTime } from '../common/local-time';

/** A seminar as one row of a pasted or uploaded table describes it. */
export interface PlannedSeminar {
  venueId: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  registrationDeadline: Date;
}

/** One row of the table: what it became, or what is wrong with it (Danish, for the preview). */
export interface TableRow {
  /** The row number a spreadsheet shows. */
  row: number;
  cells: string[];
  seminar: PlannedSeminar | null;
  errors: string[];
}

export interface TableVenue {
  id: number;
  name: string;
  town: string;
}

export const TABLE_COLUMNS = ['dato', 'start', 'slut', 'kursussted', 'pladser', 'titel'] as const;

const DANISH_DATE = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CAPACITY = 1000;

/** `15.01.2026`, `15-1-2026`, `15/01/2026` or `2026-01-15` as `2026-01-15`; null when it is no day. */
export function readDay(text: string): string | null {
  const t = text.trim();
  const m = DANISH_DATE.exec(t);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : ISO_DATE.test(t) ? t : null;
  return iso && isLocalDate(iso) ? iso : null;
}

/**
 * Reads a table of seminars — columns dato, start, slut, kursussted, pladser and, if wanted, titel —
 * as Excel pastes it. A first row that is not a seminar (a header) is left out, as are empty rows.
 * `slut` is a time on the first day, or a day and a time (`17.01.2026 13.00`) for a seminar over
 * several days. The registration deadline is the wave's closing, or the start if that comes first.
 */
export function readSeminarTable(rows: string[][], venues: TableVenue[], waveCloses: Date): TableRow[] {
  const byName = new Map(venues.map((v) => [v.name.trim().toLocaleLowerCase('da'), v]));
  const result: TableRow[] = [];
  rows.forEach((raw, i) => {
    const cells = raw.map((c) => (c ?? '').trim());
    if (cells.every((c) => c === '')) return;
    if (i === 0 && readDay(cells[0] ?? '') === null && isHeader(cells)) return;
    result.push(readRow(i + 1, cells, byName, waveCloses));
  });
  return result;
}

function isHeader(cells: string[]): boolean {
  return /^dato$|^date$/i.test(cells[0] ?? '');
}

function readRow(row: number, cells: string[], venues: Map<string, TableVenue>, waveCloses: Date): TableRow {
  const [dateText = '', startText = '', endText = '', venueText = '', capacityText = '', titleText = ''] =
    cells;
  const errors: string[] = [];
  const day = readDay(dateText);
  if (!day) errors.push(`Datoen "${dateText}" skal skrives dd.mm.åååå, fx 15.01.2026.`);
  const startTime = normaliseTime(startText);
  if (!startTime) errors.push(`Starttidspunktet "${startText}" skal skrives tt.mm, fx 13.00.`);
  const end = readEnd(endText, day);
  if (!end) errors.push(`Sluttidspunktet "${endText}" skal skrives tt.mm eller dd.mm.åååå tt.mm.`);
  const venue = venues.get(venueText.toLocaleLowerCase('da'));
  if (!venue) errors.push(venueText ? `Kursusstedet "${venueText}" findes ikke.` : 'Kursusstedet mangler.');
  const capacity = /^\d+$/.test(capacityText) ? Number(capacityText) : NaN;
  if (!(capacity >= 1 && capacity <= MAX_CAPACITY))
    errors.push(`Antal pladser "${capacityText}" skal være et helt tal fra 1 til ${MAX_CAPACITY}.`);
  if (titleText.length > 200) errors.push('Titlen må højst være 200 tegn.');

  const startsAt = day && startTime ? fromLocal(day, startTime) : null;
  const endsAt = end ? fromLocal(end.day, end.time) : null;
  if (startsAt && endsAt && endsAt <= startsAt) errors.push('Seminaret skal slutte, efter det begynder.');
  if (errors.length > 0 || !startsAt || !endsAt || !venue) return { row, cells, seminar: null, errors };
  return {
    row,
    cells,
    errors,
    seminar: {
      venueId: venue.id,
      title: titleText || `Kattegat-seminar, ${venue.town}`,
      startsAt,
      endsAt,
      capacity,
      registrationDeadline: waveCloses < startsAt ? waveCloses : startsAt,
    },
  };
}

function readEnd(text: string, firstDay: string | null): { day: string; time: string } | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 1) {
    const time = normaliseTime(parts[0]);
    return time && firstDay ? { day: firstDay, time } : null;
  }
  if (parts.length !== 2) return null;
  const day = readDay(parts[0]);
  const time = normaliseTime(parts[1]);
  return day && time ? { day, time } : null;
}
