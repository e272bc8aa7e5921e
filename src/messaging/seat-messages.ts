import { CalendarPerson, seatEventUid } from './calendar';
import {
  CancellationReason,
  CheckInInfo,
  MoveContext,
  Recipient,
  SeminarInfo,
  VenueInfo,
} from './message-kinds';
import { EnqueueMessage } from './outbox.service';

/** What a seat's e-mail is made from; `sequence` rises with every change of the seat. */
export interface SeatMessageInput {
  registrationId: number;
  /** The seat whose UID the calendar entry carries: the entry a move or a swap updates. */
  calendarSeatId: number;
  sequence: number;
  memberId: number;
  recipient: Recipient;
  seminar: SeminarInfo;
  personalLink: string;
  organizer: CalendarPerson;
  /** The seat's check-in code, shown in the mails about a held seat. */
  checkIn?: CheckInInfo | null;
}

export type SeatMessage =
  | { kind: 'confirmation' | 'promotion' }
  | { kind: 'change'; previous: { start: Date; end: Date; venue: VenueInfo } }
  | { kind: 'move'; previous: MoveContext['previous']; swapped: boolean }
  | { kind: 'cancellation'; reason: CancellationReason; note: string | null };

/**
 * The outbox message for a seat event, with its calendar file: REQUEST for a booking, a
 * promotion, a change or a move, CANCEL for a cancellation, all under the UID of the calendar
 * entry the seat continues (a moved seat keeps the entry of the seat it came from). The key
 * `<kind>:<registrationId>:<sequence>` makes a repeated event a no-op.
 */
export function seatMessage(event: SeatMessageInput, message: SeatMessage): EnqueueMessage {
  const { seminar, recipient, personalLink } = event;
  const seat = { recipient, seminar, personalLink };
  const held = { ...seat, checkIn: event.checkIn ?? null };
  const calendar = {
    uid: seatEventUid(event.calendarSeatId),
    sequence: event.sequence,
    method: message.kind === 'cancellation' ? ('CANCEL' as const) : ('REQUEST' as const),
    start: seminar.start,
    end: seminar.end,
    summary: seminar.title,
    description: [...seminar.agenda, '', `Din side: ${personalLink}`].join('\n'),
    location: `${seminar.venue.name}, ${seminar.venue.address}`,
    organizer: event.organizer,
    attendee: recipient,
  };
  const common = {
    key: `${message.kind}:${event.registrationId}:${event.sequence}`,
    memberId: event.memberId,
    seminarId: seminar.id,
    calendar,
  };
  switch (message.kind) {
    case 'confirmation':
    case 'promotion':
      return { ...common, kind: message.kind, context: held };
    case 'change':
      return { ...common, kind: 'change', context: { ...seat, previous: message.previous } };
    case 'move':
      return {
        ...common,
        kind: 'move',
        context: { ...held, previous: message.previous, swapped: message.swapped },
      };
    case 'cancellation':
      return {
        ...common,
        kind: 'cancellation',
        context: { ...seat, reason: message.reason, note: message.note },
      };
  }
}
