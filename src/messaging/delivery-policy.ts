/** What became of one attempt to hand a message to the SMTP server. */
export interface SendFailure {
  temporary: boolean;
  reason: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
  'EPROTOCOL',
]);

/**
 * SMTP says itself whether to try again: 4xx is temporary (greylisting, a full queue, a
 * server going down), 5xx is permanent (unknown mailbox, rejected content). Without a reply
 * code the network failed, which is temporary too; nodemailer's own envelope/message errors
 * would fail again the same way, so they are permanent.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: number; code?: string; errno?: string; message?: string };
  const reason = (e.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 900);
  if (typeof e.responseCode === 'number') {
    return { temporary: e.responseCode >= 400 && e.responseCode < 500, reason };
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || (e.errno && NETWORK_CODES.has(e.errno))) {
    return { temporary: true, reason };
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { temporary: false, reason };
  return { temporary: true, reason };
}

/** Delay before attempt `attempts + 1`: base × 2^(attempts − 1), at most six hours. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 3600 * 1000);
}

/** The longest server answer kept per message (the column's length). */
export const SMTP_ANSWER_MAX = 500;

/**
 * The SMTP server's answer as the message page shows it: control characters (a hostile or broken
 * server's) become spaces, runs of white space one, at most SMTP_ANSWER_MAX characters; null when
 * nothing is left.
 */
export function keptAnswer(response: string | null | undefined): string | null {
  if (!response) return null;
  const kept = response
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return kept === '' ? null : kept.slice(0, SMTP_ANSWER_MAX);
}
