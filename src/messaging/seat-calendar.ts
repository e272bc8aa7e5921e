import { EntityManager } from 'typeorm';
import { Registration } from '../registrations/registration.entity';
import { buildCalendar, CalendarPerson } from './calendar';
import { seatMessage } from './seat-messages';
import { loadRecipients, loadSeminarInfos } from './seminar-info';

/** The file name offered for the download: Danish, so also given RFC 5987-encoded. */
export const SEAT_CALENDAR_FILENAME = 'kattegat-forløb.ics';

/**
 * The .ics of the member's registered seat as the e-mails sent it: the seat's UID and its
 * current SEQUENCE, so importing it replaces what the calendar holds. Null without such a seat.
 */
export async function seatCalendar(
  manager: EntityManager,
  member: { id: number; cycleId: number },
  personalLink: string,
  organizer: CalendarPerson,
): Promise<string | null> {
  const seat = await manager.findOne(Registration, {
    where: { cycleId: member.cycleId, memberId: member.id, state: 'registered' },
  });
  if (!seat) return null;
  const recipient = (await loadRecipients(manager, [member.id])).get(member.id);
  const seminar = (await loadSeminarInfos(manager, [seat.seminarId])).get(seat.seminarId);
  if (!recipient || !seminar) return null;
  const message = seatMessage(
    {
      registrationId: seat.id,
      calendarSeatId: seat.calendarSeatId ?? seat.id,
      sequence: seat.calendarSequence,
      memberId: member.id,
      recipient,
      seminar,
      personalLink,
      organizer,
    },
    { kind: 'confirmation' },
  );
  return buildCalendar(message.calendar!);
}
