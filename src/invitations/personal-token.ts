import { createHash, randomBytes } from 'node:crypto';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new personal-link token: 256 random bits, base64url (43 characters). */
export function newPersonalToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token. */
export function hashPersonalToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string could be a token at all, so garbage never reaches the database. */
export function looksLikePersonalToken(candidate: string): boolean {
  return TOKEN_SHAPE.test(candidate);
}
