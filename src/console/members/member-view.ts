import { formatDanishDateTime } from '../../common/danish-time';
import { OutboxStatus } from '../../messaging/outbox-message.entity';
import { MemberMail } from '../../messaging/outbox.service';
import { MessageKind } from '../../messaging/message-kinds';
import { Actor, EventKind } from '../../registrations/registration-event.entity';

const EVENT_IN_DANISH: Record<EventKind, string> = {
  invitation_issued: 'Invitation sendt',
  registered: 'Tilmeldt',
  waitlisted: 'Sat på venteliste',
  promoted: 'Rykket op fra ventelisten',
  cancelled: 'Meldt afbud',
  moved: 'Flyttet hertil',
  moved_away: 'Flyttet herfra',
  swap_wished: 'Ønsker at bytte hertil',
  swapped: 'Byttet hertil',
  swap_withdrawn: 'Ønsket om at bytte trukket tilbage',
  reinstated: 'Pladsen taget tilbage',
  attended: 'Deltog',
  no_show: 'Udeblev',
  attendance_undone: 'Fremmøde fortrudt',
  seminar_changed: 'Seminaret blev ændret',
  seminar_cancelled: 'Seminaret blev aflyst',
};

const ACTOR_IN_DANISH: Record<Actor, string> = {
  member: 'Medlemmet',
  planner: 'En planlægger',
  system: 'Systemet',
};

export const MAIL_IN_DANISH: Record<MessageKind, string> = {
  invitation: 'Invitation',
  invitation_reminder: 'Påmindelse om invitationen',
  confirmation: 'Bekræftelse',
  waiting_list: 'Venteliste',
  promotion: 'Plads fra ventelisten',
  change: 'Ændring',
  move: 'Flytning',
  cancellation: 'Afbud',
  reminder: 'Påmindelse',
  materials: 'Materialer',
  evaluation_request: 'Evaluering',
  evaluation_reminder: 'Påmindelse om evaluering',
};

/** A queued message is written (subject and body) when the dispatcher takes it: until then, its kind. */
export const subjectOf = (m: { subject: string; kind: MessageKind }) =>
  m.subject || `${MAIL_IN_DANISH[m.kind]} (skrives, når den sendes)`;

export const MAIL_STATUS_IN_DANISH: Record<OutboxStatus, string> = {
  pending: 'Venter på at blive sendt',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Kunne ikke leveres',
};

export function historyRows(
  events: Array<{ kind: EventKind; at: Date; actor: Actor; seminar: string | null }>,
) {
  return events.map((e) => ({
    when: formatDanishDateTime(e.at),
    what: EVENT_IN_DANISH[e.kind],
    seminar: e.seminar ?? '',
    who: ACTOR_IN_DANISH[e.actor],
  }));
}

export function mailRows(mails: MemberMail[]) {
  return mails.map((m) => ({
    when: formatDanishDateTime(m.sentAt ?? m.createdAt),
    kind: MAIL_IN_DANISH[m.kind],
    subject: subjectOf(m),
    to: m.recipientEmail,
    status: MAIL_STATUS_IN_DANISH[m.status],
    failed: m.status === 'failed',
  }));
}

/** The fixed notices a redirect may ask the member page to show (`?besked=`). */
export const NOTICES: Record<string, string> = {
  gemt: 'Ændringerne er gemt.',
  inviteret: 'En ny invitation er sendt. Det gamle link virker ikke længere.',
  slettet: 'Medlemmets personlige oplysninger er slettet.',
};
