import { CalendarPerson, seatEventUid } from './calendar';
import { filledDraft, MailDraft } from './mail-drafts';
import {
  CancellationReason,
  CheckInInfo,
  MoveContext,
  Recipient,
  SeminarInfo,
  VenueInfo,
} from './message-kinds';
import { EnqueueMessage } from './outbox.service';

/** What a seat's e-mail says of the seat; `sequence` rises with every change of the seat. */
export interface SeatDraftInput {
  registrationId: number;
  /** The seat whose UID the calendar entry carries: the entry a move or a swap updates. */
  calendarSeatId: number;
  sequence: number;
  memberId: number;
  seminarId: number;
  /** The seat's check-in code, shown in the mails about a held seat. */
  checkIn?: CheckInInfo | null;
}

/** The same with what the e-mail is written with: the recipient, the seminar and the link. */
export interface SeatMessageInput extends Omit<SeatDraftInput, 'seminarId'> {
  recipient: Recipient;
  seminar: SeminarInfo;
  personalLink: string;
  organizer: CalendarPerson;
}

export type SeatMessage =
  | { kind: 'confirmation' | 'promotion' }
  | { kind: 'change'; previous: { start: Date; end: Date; venue: VenueInfo } }
  | { kind: 'move'; previous: MoveContext['previous']; swapped: boolean }
  | { kind: 'cancellation'; reason: CancellationReason; note: string | null };

/**
 * The draft of a seat event's e-mail, with its calendar file: REQUEST for a booking, a promotion,
 * a change or a move, CANCEL for a cancellation, all under the UID of the calendar entry the seat
 * continues (a moved seat keeps the entry of the seat it came from). The key
 * `<kind>:<registrationId>:<sequence>` makes a repeated event a no-op.
 */
export function seatDraft(event: SeatDraftInput, message: SeatMessage): MailDraft {
  const held = { checkIn: event.checkIn ?? null };
  const common = {
    key: `${message.kind}:${event.registrationId}:${event.sequence}`,
    memberId: event.memberId,
    seminarId: event.seminarId,
    kind: message.kind,
    calendar: {
      uid: seatEventUid(event.calendarSeatId),
      sequence: event.sequence,
      method: message.kind === 'cancellation' ? ('CANCEL' as const) : ('REQUEST' as const),
    },
  };
  switch (message.kind) {
    case 'confirmation':
    case 'promotion':
      return { ...common, context: held };
    case 'change':
      return { ...common, context: { previous: message.previous } };
    case 'move':
      return { ...common, context: { ...held, previous: message.previous, swapped: message.swapped } };
    case 'cancellation':
      return { ...common, context: { reason: message.reason, note: message.note } };
  }
}

/** The seat event's message written out, as the dispatcher writes its draft. */
export function seatMessage(event: SeatMessageInput, message: SeatMessage): EnqueueMessage {
  return filledDraft(seatDraft({ ...event, seminarId: event.seminar.id }, message), event);
}
