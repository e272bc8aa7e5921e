import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CsrfFields {
  nonce: string;
  mac: string;
}

const MAX_AGE_MS = 12 * 3600 * 1000;

function sign(secret: string, tokenHash: string, nonce: string): string {
  return createHmac('sha256', secret).update(`portal-form:${tokenHash}:${nonce}`).digest('base64url');
}

/**
 * Form fields that prove a POST came from a page we served for this very link: an HMAC over the
 * link's hash and a fresh, time-stamped nonce. Nothing to store, and a form from one member's page
 * is worthless for another member's link.
 */
export function issueCsrf(secret: string, tokenHash: string, now = Date.now()): CsrfFields {
  const nonce = `${now.toString(36)}.${randomBytes(12).toString('base64url')}`;
  return { nonce, mac: sign(secret, tokenHash, nonce) };
}

export function verifyCsrf(
  secret: string,
  tokenHash: string,
  fields: Partial<CsrfFields>,
  now = Date.now(),
): boolean {
  const { nonce, mac } = fields;
  if (typeof nonce !== 'string' || typeof mac !== 'string') return false;
  const issuedAt = parseInt(nonce.split('.')[0], 36);
  if (!Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > MAX_AGE_MS) return false;
  const expected = Buffer.from(sign(secret, tokenHash, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
