import { ValidateBy } from 'class-validator';
import { fromLocal, normaliseTime } from '../../common/local-time';
import { readDay } from '../../planning/seminar-table';

/** Whether an empty field is fine (a form field left blank posts ''). */
interface Blank {
  orEmpty?: boolean;
}

const rule = (name: string, ok: (value: string) => boolean, { orEmpty = false }: Blank) =>
  ValidateBy({
    name,
    validator: { validate: (v) => typeof v === 'string' && ((orEmpty && v.trim() === '') || ok(v)) },
  });

const decimal = (v: string) =>
  /^-?\d{1,3}([.,]\d+)?$/.test(v.trim()) ? Number(v.trim().replace(',', '.')) : NaN;

/** A day as a date field posts it (`2026-01-15`) or as it is typed without one (`15.01.2026`). */
export const IsLocalDate = (blank: Blank = {}) => rule('isLocalDate', (v) => readDay(v) !== null, blank);

/** A time of day as a time field posts it (`13:00`) or as it is typed (`13.00`). */
export const IsLocalTime = (blank: Blank = {}) =>
  rule('isLocalTime', (v) => normaliseTime(v) !== null, blank);

export const IsLatitude = (blank: Blank = {}) => rule('isLatitude', (v) => Math.abs(decimal(v)) <= 90, blank);

export const IsLongitude = (blank: Blank = {}) =>
  rule('isLongitude', (v) => Math.abs(decimal(v)) <= 180, blank);

/** A validated coordinate, typed with a decimal comma or point. */
export const coordinate = (v: string) => decimal(v);

/** The instant of a validated day field and time field, on the Copenhagen wall clock. */
export function instantOf(day: string, time: string): Date {
  return fromLocal(readDay(day)!, normaliseTime(time)!)!;
}
