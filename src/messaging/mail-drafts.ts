import { CalendarEventInput, CalendarPerson } from './calendar';
import { MessageKind, Recipient, SeminarInfo } from './message-kinds';
import { EnqueueMessage } from './outbox.service';

/** The calendar entry a message updates; its times, place and text come from the seminar. */
export interface CalendarSpec {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
}

/**
 * What an e-mail about a seminar is to say, as true when its cause happened, without what the
 * dispatcher adds when it writes the e-mail: the recipient, the seminar and a freshly minted link.
 */
export interface MailDraft {
  key: string;
  kind: MessageKind;
  memberId: number;
  seminarId: number;
  /** The kind's own facts (a waiting-list place, the earlier time); kept on the row for resends. */
  context: Record<string, unknown>;
  calendar?: CalendarSpec;
}

export interface DraftParts {
  recipient: Recipient;
  seminar: SeminarInfo;
  personalLink: string;
  organizer: CalendarPerson;
}

/** The draft as a message to render: the same for the dispatcher, the calendar download and tests. */
export function filledDraft(draft: MailDraft, parts: DraftParts): EnqueueMessage {
  const { recipient, seminar, personalLink } = parts;
  return {
    key: draft.key,
    memberId: draft.memberId,
    seminarId: draft.seminarId,
    kind: draft.kind,
    context: { ...draft.context, recipient, seminar, personalLink },
    calendar: draft.calendar && calendarEvent(draft.calendar, parts),
  } as EnqueueMessage;
}

function calendarEvent(spec: CalendarSpec, parts: DraftParts): CalendarEventInput {
  const { seminar, personalLink } = parts;
  return {
    ...spec,
    start: seminar.start,
    end: seminar.end,
    summary: seminar.title,
    description: [...seminar.agenda, '', `Din side: ${personalLink}`].join('\n'),
    location: `${seminar.venue.name}, ${seminar.venue.address}`,
    organizer: parts.organizer,
    attendee: parts.recipient,
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A context or draft kept as JSON, with its instants as dates again. */
export function parseKept<T = Record<string, unknown>>(json: string): T {
  return JSON.parse(json, (_, v: unknown) =>
    typeof v === 'string' && ISO_INSTANT.test(v) ? new Date(v) : v,
  ) as T;
}

/** The file name the calendar attachment gets. */
export function calendarFilename(calendar: { method: 'REQUEST' | 'CANCEL' }): string {
  return calendar.method === 'CANCEL' ? 'aflysning.ics' : 'kattegat.ics';
}
