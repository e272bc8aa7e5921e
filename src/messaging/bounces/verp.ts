import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VERP (variable envelope return path): each message leaves with the envelope sender
 * `bounce+<messageId>.<mac>@<domain>`, so a delivery status notification sent back names the
 * message it is about, whatever the remote server writes in it. The MAC (HMAC-SHA256 of the id,
 * 64 bits) keeps anyone from marking addresses by mailing made-up return paths.
 */
export function returnPath(messageId: number, domain: string, secret: string): string {
  return `bounce+${messageId}.${mac(messageId, secret)}@${domain}`;
}

/** The message a return path names, or null when it is not one the app made. */
export function messageOfReturnPath(address: string, domain: string, secret: string): number | null {
  const match = /^bounce\+(\d{1,15})\.([0-9a-f]{16})@(.+)$/i.exec(address.trim());
  if (!match || match[3].toLowerCase() !== domain.toLowerCase()) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(mac(id, secret));
  const given = Buffer.from(match[2].toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

function mac(messageId: number, secret: string): string {
  return createHmac('sha256', secret).update(`verp:${messageId}`).digest('hex').slice(0, 16);
}
