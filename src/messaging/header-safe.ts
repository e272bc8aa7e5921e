import { foldControlCharacters, foldToOneLine } from '../common/control-characters';
import type { CalendarEventInput } from './calendar';
import type { OutgoingMail } from './mail-transport';

/*
 * The second wall against header injection. The API refuses control characters in names and
 * titles and the import folds them, but a row can still hold one (written before those rules, or
 * straight into the database). So whatever goes into a mail header, an attachment's file name or
 * a calendar property is made one line here, just before it is used.
 */

/** Recipient name, subject and attachment file name on one line each. */
export function headerSafeMail(mail: OutgoingMail): OutgoingMail {
  return {
    ...mail,
    to: { name: foldToOneLine(mail.to.name), address: foldToOneLine(mail.to.address) },
    subject: foldToOneLine(mail.subject),
    calendar: mail.calendar && { ...mail.calendar, filename: foldToOneLine(mail.calendar.filename) },
  };
}

/** SUMMARY, LOCATION and the CN of organizer and attendee on one line; the description keeps its lines. */
export function headerSafeCalendar(input: CalendarEventInput): CalendarEventInput {
  const person = (p: CalendarEventInput['organizer']) => ({
    name: foldToOneLine(p.name),
    email: foldToOneLine(p.email),
  });
  return {
    ...input,
    summary: foldToOneLine(input.summary),
    location: foldToOneLine(input.location),
    description: foldControlCharacters(input.description),
    organizer: person(input.organizer),
    attendee: person(input.attendee),
  };
}
