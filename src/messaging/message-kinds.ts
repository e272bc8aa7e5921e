/** Every kind of e-mail the programme sends; each has an HTML and a text template of the same name. */
export const MESSAGE_KINDS = [
  'invitation',
  'invitation_reminder',
  'confirmation',
  'waiting_list',
  'promotion',
  'change',
  'move',
  'cancellation',
  'reminder',
  'materials',
  'evaluation_request',
  'evaluation_reminder',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface Recipient {
  name: string;
  email: string;
}

export interface VenueInfo {
  name: string;
  /** One line, e.g. `Hindsgavl Allé 7, 5500 Middelfart`. */
  address: string;
}

/** What a message needs to know about a seminar; instants in UTC. */
export interface SeminarInfo {
  id: number;
  title: string;
  start: Date;
  end: Date;
  venue: VenueInfo;
  /** Lines of the programme, shown in the mail and put into the calendar description. */
  agenda: string[];
}

export interface InvitationContext {
  recipient: Recipient;
  cycleName: string;
  personalLink: string;
  /** The last day to choose a seminar, if one is set. */
  deadline: Date | null;
  /** How long a seminar lasts (`to døgn`), when every seminar of the cycle lasts the same. */
  duration: string | null;
}

/** A reminder to a member who has neither booked, joined a waiting list nor declined. */
export interface InvitationReminderContext extends InvitationContext {
  /** The reminder shortly before registration closes. */
  last: boolean;
}

/** The seat's code for the door, as text and as the address of its QR image. */
export interface CheckInInfo {
  code: string;
  imageUrl: string;
}

export interface SeatContext {
  recipient: Recipient;
  seminar: SeminarInfo;
  personalLink: string;
  /** For a held seat (confirmation, promotion, move); absent on mails about no seat. */
  checkIn?: CheckInInfo | null;
}

export interface WaitingListContext extends SeatContext {
  /** 1 = first on the list. */
  position: number;
  /** For a swap wish: the seminar whose seat the member keeps meanwhile. */
  keptSeminar?: string | null;
}

export interface ChangeContext extends SeatContext {
  /** The time and venue before the change; the new ones are in `seminar`. */
  previous: { start: Date; end: Date; venue: VenueInfo };
}

/** A seat moved to another seminar (by a planner, the member, or a swap wish come true). */
export interface MoveContext extends SeatContext {
  previous: { title: string; start: Date; end: Date; venue: VenueInfo };
  /** The member waited for this seminar while keeping the earlier seat. */
  swapped: boolean;
}

export const CANCELLATION_REASONS = ['member', 'planner', 'seminar_cancelled'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface CancellationContext extends SeatContext {
  reason: CancellationReason;
  /** A planner's own words, if any. */
  note: string | null;
}

export interface ReminderContext extends SeatContext {
  daysBefore: number;
}

export interface MaterialsContext extends SeatContext {
  materials: { title: string }[];
}

export interface EvaluationContext {
  recipient: Recipient;
  seminar: SeminarInfo;
  evaluationLink: string;
  /** Last day to answer, if set. */
  deadline: Date | null;
}

export interface MessageContexts {
  invitation: InvitationContext;
  invitation_reminder: InvitationReminderContext;
  confirmation: SeatContext;
  waiting_list: WaitingListContext;
  promotion: SeatContext;
  change: ChangeContext;
  move: MoveContext;
  cancellation: CancellationContext;
  reminder: ReminderContext;
  materials: MaterialsContext;
  evaluation_request: EvaluationContext;
  evaluation_reminder: EvaluationContext;
}

/** A kind with its context, checked together: `{ kind: 'reminder', context: ReminderContext }`. */
export type MailRequest = { [K in MessageKind]: { kind: K; context: MessageContexts[K] } }[MessageKind];

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
