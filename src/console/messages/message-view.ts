import { formatDanishDateTime } from '../../common/danish-time';

/** What the message page needs of a message, a bounce and a resend. */
export interface LoggedMessage {
  id: number;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  lastError: string | null;
  /** What the SMTP server answered when it took the message. */
  smtpResponse: string | null;
}
export interface LoggedBounce {
  status: string;
  diagnostic: string | null;
  receivedAt: Date;
}

interface Step {
  at: Date;
  what: string;
  /** The SMTP server's answer, when there is one. */
  answer: string | null;
  href: string | null;
}

const attemptsText = (n: number) => (n === 1 ? '1 forsøg' : `${n} forsøg`);

/**
 * A message's history, oldest first, from what its row, its bounces and its resends record:
 * written, each outcome the dispatcher kept (the SMTP server's answer with it), the notifications
 * that came back, and the new messages it was sent again as.
 */
export function messageHistory(message: LoggedMessage, bounces: LoggedBounce[], resends: LoggedMessage[]) {
  const steps: Step[] = [{ at: message.createdAt, what: 'Skrevet og lagt i kø', answer: null, href: null }];
  if (message.status === 'sent' && message.sentAt) {
    steps.push({
      at: message.sentAt,
      what: `Sendt (${attemptsText(message.attempts)})`,
      answer: message.smtpResponse,
      href: null,
    });
  } else if (message.status === 'failed') {
    steps.push({
      at: message.nextAttemptAt,
      what: `Kunne ikke leveres – opgivet efter ${attemptsText(message.attempts)}`,
      answer: message.lastError,
      href: null,
    });
  } else if (message.lastError) {
    steps.push({
      at: message.nextAttemptAt,
      what: `Midlertidig fejl efter ${attemptsText(message.attempts)}; prøves igen på dette tidspunkt`,
      answer: message.lastError,
      href: null,
    });
  }
  for (const b of bounces) {
    steps.push({
      at: b.receivedAt,
      what: 'Kom retur fra modtagerens server',
      answer: [b.status, b.diagnostic].filter(Boolean).join(' '),
      href: null,
    });
  }
  for (const r of resends) {
    steps.push({
      at: r.createdAt,
      what: 'Sendt igen som en ny besked',
      answer: null,
      href: `/beskeder/${r.id}`,
    });
  }
  return steps
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((s) => ({ when: formatDanishDateTime(s.at), what: s.what, answer: s.answer, href: s.href }));
}

/**
 * A preview's links made inert: the sample link of the member's page or the survey
 * (`…/p/eksempel`, `…/evaluering/eksempel`) points nowhere, so clicking it in the preview opens
 * nothing (and no real link was minted for it).
 */
export function inertLinks(html: string): string {
  return html.replace(/href="[^"]*\/(?:p|evaluering)\/eksempel[^"]*"/g, 'href="#eksempel-link"');
}
