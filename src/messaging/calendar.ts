import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
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
 * The VTIMEZONE block calendar clients need to turn a TZID local time into an instant, generated
 * from the tz database (@touch4it/ical-timezones) for the one zone the calendars use.
 */
export function copenhagenVtimezone(tzid: string): string | null {
  if (tzid !== CALENDAR_ZONE) return null;
  return getVtimezoneComponent(tzid)?.trimEnd().replace(/\r?\n/g, '\r\n') ?? null;
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
    // Zoned dates: ical-generator writes their Copenhagen wall clock under the TZID, whatever the
    // process's own zone (a plain Date would be written in the server's local time).
    start: new TZDate(input.start, CALENDAR_ZONE),
    end: new TZDate(input.end, CALENDAR_ZONE),
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
