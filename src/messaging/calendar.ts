import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalTZDateStub,
} from 'ical-generator';
import { headerSafeCalendar } from './header-safe';

export const CALENDAR_ZONE = 'Europe/Copenhagen';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEventInput {
  /** Stable for one seat across every update, e.g. `seat-<registrationId>@kattegat`. */
  uid: string;
  /** Rises with every change of the same seat so calendars replace the earlier version. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: Date;
  end: Date;
  summary: string;
  /** Plain text: the agenda and the member's personal link. */
  description: string;
  /** Venue name and address on one line. */
  location: string;
  organizer: CalendarPerson;
  attendee: CalendarPerson;
  /** When the event was generated; fixed in tests. */
  stamp?: Date;
}

export function seatEventUid(registrationId: number): string {
  return `seat-${registrationId}@kattegat`;
}

/**
 * Europe/Copenhagen as a VTIMEZONE: the EU rules in force since 1996 (summer time from 02:00
 * local on the last Sunday of March to 03:00 local on the last Sunday of October). Calendar
 * clients need the block to turn a TZID local time into an instant without a zone database.
 */
export function copenhagenVtimezone(tzid: string): string | null {
  if (tzid !== CALENDAR_ZONE) return null;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${CALENDAR_ZONE}`,
    `X-LIC-LOCATION:${CALENDAR_ZONE}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

const wallClockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: CALENDAR_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * ical-generator writes a native Date under a TZID with the *process's* local getters, which
 * is wrong on any server not running in Copenhagen time. It recognises zoned dates shaped like
 * @date-fns/tz's TZDate (`internal`, `withTimeZone`, `tzComponents`); this is the least of that
 * shape: a Date whose local getters read the Copenhagen wall clock of the instant.
 */
function inCopenhagen(instant: Date): ICalTZDateStub {
  const p: Record<string, number> = {};
  for (const part of wallClockParts.formatToParts(instant)) p[part.type] = Number(part.value);
  const wall = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
  wall.getFullYear = () => wall.getUTCFullYear();
  wall.getMonth = () => wall.getUTCMonth();
  wall.getDate = () => wall.getUTCDate();
  wall.getHours = () => wall.getUTCHours();
  wall.getMinutes = () => wall.getUTCMinutes();
  wall.getSeconds = () => wall.getUTCSeconds();
  const zoned = Object.assign(new Date(instant), {
    internal: instant,
    tzComponents: () => p,
    withTimeZone: () => zoned,
  });
  Object.assign(zoned, { withTimeZone: () => wall });
  return zoned;
}

/**
 * The .ics for one seat. A seminar over several days is ONE event from its start to its end,
 * not one per day: the member accepts, moves or declines the seminar as a whole, and a CANCEL
 * or an update with a higher SEQUENCE must replace exactly what the calendar holds under the
 * UID. The day-by-day agenda goes into the description instead.
 */
export function buildCalendar(unsafe: CalendarEventInput): string {
  const input = headerSafeCalendar(unsafe);
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Kattegat', product: 'Kattegat', language: 'DA' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone (DTSTAMP must stay UTC); the generator still emits the VTIMEZONE
    // for the event's TZID.
    timezone: { name: null, generator: copenhagenVtimezone },
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: inCopenhagen(input.start),
    end: inCopenhagen(input.end),
    timezone: CALENDAR_ZONE,
    summary: input.summary,
    description: input.description,
    location: input.location,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: cancel ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return calendar.toString();
}
