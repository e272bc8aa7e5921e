import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { resolveAuthSecret } from '../auth/auth-secret';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface CsrfFields {
  nonce: string;
  mac: string;
}

const MAX_AGE_MS = 12 * 3600 * 1000;

function sign(secret: string, binding: string, nonce: string): string {
  return createHmac('sha256', secret).update(`portal-form:${binding}:${nonce}`).digest('base64url');
}

/**
 * Form fields that prove a POST came from a page we served to the same credential: an HMAC over
 * what the form is bound to (a personal link's hash, a staff session's hash, a browser's log-in
 * cookie) and a fresh, time-stamped nonce. Nothing to store, and a form from one member's page is
 * worthless for another member's link.
 */
export function issueCsrf(secret: string, binding: string, now = Date.now()): CsrfFields {
  const nonce = `${now.toString(36)}.${nonceRandom()}`;
  return { nonce, mac: sign(secret, binding, nonce) };
}

const NONCE_BYTES = 12;
const entropy = { bytes: Buffer.alloc(0), used: 0 };

/**
 * A nonce's random part, 96 bits, cut from a block drawn for 512 nonces: every page view issues
 * one, and one draw of 12 bytes took as long as the rest of the CSRF fields together (about 5 µs
 * here; Node's randomUUID keeps a block in the same way).
 */
function nonceRandom(): string {
  if (entropy.used + NONCE_BYTES > entropy.bytes.length) {
    entropy.bytes = randomBytes(NONCE_BYTES * 512);
    entropy.used = 0;
  }
  const start = entropy.used;
  entropy.used += NONCE_BYTES;
  return entropy.bytes.toString('base64url', start, entropy.used);
}

export function verifyCsrf(
  secret: string,
  binding: string,
  fields: Partial<CsrfFields>,
  now = Date.now(),
): boolean {
  const { nonce, mac } = fields;
  if (typeof nonce !== 'string' || typeof mac !== 'string') return false;
  const issuedAt = parseInt(nonce.split('.')[0], 36);
  if (!Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > MAX_AGE_MS) return false;
  const expected = Buffer.from(sign(secret, binding, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The CSRF fields of the app's pages, signed with the app's secret. */
@Injectable()
export class PageCsrf {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = resolveAuthSecret(config);
  }

  issue(binding: string): CsrfFields {
    return issueCsrf(this.secret, binding);
  }

  /** True when a posted form carries fields issued for the same binding, less than 12 hours ago. */
  verify(binding: string, body: unknown): boolean {
    const form = (body ?? {}) as Record<string, unknown>;
    return verifyCsrf(this.secret, binding, { nonce: form.nonce as string, mac: form.mac as string });
  }
}

/** A form without valid CSRF fields: too old, or not from a page served to this credential. */
export function formExpired(): DomainError {
  return new DomainError('forbidden', 'form.expired', 'The form is too old or did not come from this page');
}
