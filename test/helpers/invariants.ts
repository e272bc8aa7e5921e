import { EntityManager, In } from 'typeorm';
import { StaffUser } from '../../src/auth/staff-user.entity';
import { Member } from '../../src/cycles/member.entity';
import { EvaluationQuestionnaire } from '../../src/evaluations/evaluation-questionnaire.entity';
import { EvaluationRequest } from '../../src/evaluations/evaluation-request.entity';
import { EvaluationResponse, EvaluationSubmission } from '../../src/evaluations/evaluation-response.entity';
import { Invitation } from '../../src/invitations/invitation.entity';
import { hashPersonalToken } from '../../src/invitations/personal-token';
import { OutboxMessage } from '../../src/messaging/outbox-message.entity';
import { Seminar } from '../../src/planning/seminar.entity';
import { EventKind, RegistrationEvent } from '../../src/registrations/registration-event.entity';
import { Registration } from '../../src/registrations/registration.entity';
import { SeatState } from '../../src/registrations/seat-state';

/** The state a seat is in after an event of this kind (a changed seminar leaves it as it was). */
const STATE_AFTER: Partial<Record<EventKind, SeatState>> = {
  registered: 'registered',
  promoted: 'registered',
  moved: 'registered',
  waitlisted: 'waitlisted',
  cancelled: 'cancelled',
  moved_away: 'cancelled',
  seminar_cancelled: 'cancelled',
  attended: 'attended',
  no_show: 'no_show',
};

/** The outbox key of the e-mail a seat event calls for (messaging/seat-messenger.ts). */
const MAIL_OF: Partial<Record<EventKind, string>> = {
  registered: 'confirmation',
  moved: 'confirmation',
  waitlisted: 'waiting_list',
  promoted: 'promotion',
  cancelled: 'cancellation',
  moved_away: 'cancellation',
  seminar_cancelled: 'cancellation',
};

const HOLDS_PLACE: SeatState[] = ['registered', 'attended', 'no_show'];
const PAGE_LINK = /\/p\/([A-Za-z0-9_-]{43})/g;
const SURVEY_LINK = /\/evaluering\/([A-Za-z0-9_-]{43})/g;

const tokensIn = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * What must hold in any database the product's services wrote, whoever asked them (a planner, a
 * member, the demo loader): seat counters equal their seats, every seat has its events and its
 * e-mails, every invitation its event, link and e-mail, every link in an e-mail opens a link of
 * that member, waiting lists are numbered without gaps, every survey request has its e-mail and
 * every answer is filed. Returns one line per violation, so an empty list means all holds.
 */
export async function invariantViolations(m: EntityManager, now = new Date()): Promise<string[]> {
  const problems: string[] = [];
  // One after the other: inside a transaction on PostgreSQL they share one connection.
  const seminars = await m.find(Seminar);
  const seats = await m.find(Registration, { order: { id: 'ASC' } });
  const events = await m.find(RegistrationEvent, { order: { id: 'ASC' } });
  const invitations = await m.find(Invitation);
  const members = await m.find(Member, { select: { id: true, cycleId: true, email: true, erasedAt: true } });
  const requests = await m.find(EvaluationRequest);
  const mails = await m.find(OutboxMessage, {
    select: {
      id: true,
      key: true,
      kind: true,
      memberId: true,
      seminarId: true,
      recipientEmail: true,
      text: true,
      icsFilename: true,
      draft: true,
    },
  });
  const mailByKey = new Map(mails.map((mail) => [mail.key, mail]));
  const memberById = new Map(members.map((member) => [member.id, member]));
  const seatsBySeminar = groupBy(seats, (s) => s.seminarId);
  const eventsBySeat = groupBy(
    events.filter((e) => e.registrationId !== null),
    (e) => e.registrationId!,
  );

  for (const seminar of seminars) {
    const own = seatsBySeminar.get(seminar.id) ?? [];
    const held = own.filter((s) => HOLDS_PLACE.includes(s.state)).length;
    if (seminar.taken !== held) problems.push(`seminar ${seminar.id}: taken ${seminar.taken}, ${held} seats`);
    if (seminar.taken > seminar.capacity) problems.push(`seminar ${seminar.id}: over capacity`);
    const waiting = own
      .filter((s) => s.state === 'waitlisted')
      .map((s) => s.waitlistNumber ?? NaN)
      .sort((a, b) => a - b);
    if (waiting.length > 0) {
      if (seminar.taken < seminar.capacity)
        problems.push(`seminar ${seminar.id}: waiting list with free seats`);
      const contiguous = waiting.every((n, i) => n === waiting[0] + i);
      if (!contiguous || waiting[waiting.length - 1] > seminar.waitlistCounter) {
        problems.push(`seminar ${seminar.id}: waiting places numbered ${waiting.join(', ')}`);
      }
    }
    if (seminar.status === 'completed' && seminar.endsAt > now) {
      problems.push(`seminar ${seminar.id}: completed before its end`);
    }
  }

  const seminarById = new Map(seminars.map((s) => [s.id, s]));
  for (const seat of seats) {
    const history = eventsBySeat.get(seat.id) ?? [];
    if (seminarById.get(seat.seminarId)?.cycleId !== seat.cycleId) {
      problems.push(`seat ${seat.id}: cycle differs from its seminar's`);
    }
    const first = history[0];
    if (!first || !['registered', 'waitlisted', 'moved'].includes(first.kind)) {
      problems.push(`seat ${seat.id}: no event that created it`);
      continue;
    }
    const last = [...history].reverse().find((e) => STATE_AFTER[e.kind] !== undefined)!;
    if (STATE_AFTER[last.kind] !== seat.state) {
      problems.push(`seat ${seat.id}: ${seat.state}, but its last event is ${last.kind}`);
    }
    if (history[history.length - 1].calendarSequence !== seat.calendarSequence) {
      problems.push(`seat ${seat.id}: calendar sequence ${seat.calendarSequence} not that of its last event`);
    }
  }

  // Every seat event that calls for an e-mail has it, to that member, about that seminar.
  for (const event of events) {
    const kind = MAIL_OF[event.kind];
    const member = memberById.get(event.memberId);
    if (!kind || !member || member.erasedAt) continue;
    const mail = mailByKey.get(`${kind}:${event.registrationId}:${event.calendarSequence}`);
    if (!mail) problems.push(`seat ${event.registrationId}: no ${kind} e-mail for its ${event.kind} event`);
    else if (mail.memberId !== event.memberId || mail.seminarId !== event.seminarId) {
      problems.push(`seat ${event.registrationId}: its ${kind} e-mail is for someone or something else`);
    } else if (kind === 'confirmation' && mail.icsFilename === null && !draftCalendar(mail.draft)) {
      problems.push(`seat ${event.registrationId}: its confirmation has no calendar file`);
    }
  }

  const issuedEvents = groupBy(
    events.filter((e) => e.kind === 'invitation_issued'),
    (e) => e.invitationId,
  );
  const invitationByHash = new Map(invitations.map((i) => [i.tokenHash, i]));
  for (const invitation of invitations.filter((i) => i.purpose === 'invitation')) {
    const issued = issuedEvents.get(invitation.id) ?? [];
    if (issued.length !== 1 || issued[0].memberId !== invitation.memberId) {
      problems.push(`invitation ${invitation.id}: ${issued.length} invitation_issued events of its member`);
    }
    const mail = mailByKey.get(`invitation:${invitation.id}`);
    if (!mail) {
      problems.push(`invitation ${invitation.id}: no invitation e-mail`);
    } else if (!tokensIn(mail.text, PAGE_LINK).some((t) => hashPersonalToken(t) === invitation.tokenHash)) {
      problems.push(`invitation ${invitation.id}: its e-mail does not carry its link`);
    }
  }

  // Every personal link in an e-mail opens a link stored for the member it went to.
  for (const mail of mails) {
    const member = mail.memberId === null ? undefined : memberById.get(mail.memberId);
    if (member && mail.recipientEmail !== member.email) {
      problems.push(`e-mail ${mail.key}: sent to ${mail.recipientEmail}, not to its member`);
    }
    for (const token of tokensIn(mail.text, PAGE_LINK)) {
      if (invitationByHash.get(hashPersonalToken(token))?.memberId !== mail.memberId) {
        problems.push(`e-mail ${mail.key}: a personal link that opens no link of its member`);
      }
    }
  }

  // Those who came are asked once, those who did not never; each request has its e-mail and link.
  const requestsBySeminar = groupBy(requests, (r) => r.seminarId);
  for (const [seminarId, asked] of requestsBySeminar) {
    const attended = new Set(
      (seatsBySeminar.get(seminarId) ?? []).filter((s) => s.state === 'attended').map((s) => s.memberId),
    );
    for (const request of asked) {
      if (!attended.has(request.memberId)) problems.push(`evaluation request ${request.id}: not an attendee`);
      const mail = mailByKey.get(`evaluation_request:${request.id}`);
      if (!mail) problems.push(`evaluation request ${request.id}: no e-mail`);
      else if (!tokensIn(mail.text, SURVEY_LINK).some((t) => hashPersonalToken(t) === request.tokenHash)) {
        problems.push(`evaluation request ${request.id}: its e-mail does not carry its survey link`);
      }
    }
    if (new Set(asked.map((r) => r.memberId)).size !== asked.length) {
      problems.push(`seminar ${seminarId}: a member asked twice`);
    }
    const answered = asked.filter((r) => r.answered).length;
    const filed = await m.countBy(EvaluationResponse, { seminarId });
    if (filed !== answered)
      problems.push(`seminar ${seminarId}: ${answered} answered requests, ${filed} answers`);
  }
  const held = await m.count(EvaluationSubmission);
  if (held > 0) problems.push(`${held} answers held, not filed`);
  const answeredVersions = await m
    .createQueryBuilder(EvaluationResponse, 'r')
    .select('DISTINCT r.questionnaire_version_id', 'id')
    .getRawMany<{ id: number }>();
  const unmarked = await m.countBy(EvaluationQuestionnaire, {
    id: In(answeredVersions.map((v) => Number(v.id))),
    hasAnswers: false,
  });
  if (unmarked > 0) problems.push(`${unmarked} questionnaire versions with answers not marked answered`);
  return problems;
}

/** Addresses that could reach a real person: anything outside the reserved `.example` (RFC 2606). */
export async function realAddresses(m: EntityManager): Promise<string[]> {
  const members = await m.find(Member, { select: { id: true, email: true } });
  const staff = await m.find(StaffUser, { select: { id: true, email: true } });
  const mails = await m.find(OutboxMessage, { select: { id: true, recipientEmail: true } });
  return [
    ...members.map((x) => x.email),
    ...staff.map((x) => x.email),
    ...mails.map((x) => x.recipientEmail),
  ].filter((email): email is string => email !== null && !/\.example$/.test(email));
}

/** A confirmation not yet written out carries its calendar entry in its draft (the dispatcher renders it). */
function draftCalendar(draft: string | null): boolean {
  return draft !== null && (JSON.parse(draft) as { calendar: unknown }).calendar !== null;
}
