import ICAL from 'ical.js';
import { ParsedMail } from 'mailparser';
import { DispatcherService } from '../../src/messaging/dispatcher.service';
import { inviteNow } from './portal';
import { SmtpSink } from './smtp-sink';
import { TestApp } from './test-app';

/** A personal link in an e-mail; group 1 is the token. */
export const PAGE_LINK = /https?:\/\/[^\s"<>]+\/p\/([A-Za-z0-9_-]{43})/;

/** Sends what is due and returns the e-mails that arrived at the sink by this call. */
export async function deliver(t: TestApp, sink: SmtpSink): Promise<ParsedMail[]> {
  const before = sink.received.length;
  await t.app.get(DispatcherService).drain();
  return Promise.all(sink.received.slice(before).map((m) => sink.parse(m)));
}

export function mailsTo(mails: ParsedMail[], member: { email: string | null }): ParsedMail[] {
  return mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === member.email);
}

/** The attached calendar file as a calendar reads it, or null without one. */
export function calendarOf(mail: ParsedMail) {
  const file = mail.attachments.find((a) => a.contentType === 'text/calendar');
  return file ? parseCalendar(file.content.toString('utf8')) : null;
}

export function parseCalendar(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    location: event.location,
    description: event.description,
  };
}

/** Invites the cycle's members as a planner and returns each member's page token from the e-mails. */
export async function inviteByMail(
  t: TestApp,
  sink: SmtpSink,
  cycleId: number,
  planner: string,
): Promise<Map<string, string>> {
  await inviteNow(t, cycleId, planner);
  const tokens = new Map<string, string>();
  for (const mail of await deliver(t, sink)) {
    const address = !Array.isArray(mail.to) ? mail.to?.value[0].address : undefined;
    if (address) tokens.set(address, PAGE_LINK.exec(mail.text!)![1]);
  }
  return tokens;
}
