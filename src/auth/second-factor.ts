import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

const ISSUER = 'Kattegat';
/** One 30-second step either side: a phone clock a little off still works. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** The keys the second factor needs, derived from the app's secret: one to seal, one to hash. */
export interface SecondFactorKeys {
  seal: Buffer;
  hash: Buffer;
}

export function secondFactorKeys(appSecret: string): SecondFactorKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', appSecret, '', info, 32));
  return { seal: derive('kattegat totp secret'), hash: derive('kattegat recovery code') };
}

export const newTotpSecret = () => generateSecret();

export const totpUri = (secret: string, email: string) =>
  generateURI({ issuer: ISSUER, label: email, secret });

/**
 * The time step of a code that is right for the secret now, or null. `afterStep` is the step of
 * the last code accepted, so the same code (or an older one) does not work twice.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  afterStep: number | null,
  epoch = Math.floor(Date.now() / 1000),
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // otplib refuses a last step ahead of the window (a clock turned back): no code is good then.
    return null;
  }
}

/** A code as typed: spaces and dashes do not matter, nor does case. */
export const normalisedCode = (typed: string) => typed.replace(/[\s-]/g, '').toLowerCase();

/** Looks like a TOTP code (six digits) rather than a recovery code. */
export const isTotpCode = (typed: string) => /^\d{6}$/.test(normalisedCode(typed));

/** Ten codes like "k7pm-x3qa-9hfd": 60 bits each, from letters and digits that are hard to mix up. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    ).join('-'),
  );
}

/** A recovery code's stored form: keyed, so the table alone does not let anyone try codes offline. */
export const recoveryCodeHash = (keys: SecondFactorKeys, code: string) =>
  createHmac('sha256', keys.hash).update(normalisedCode(code)).digest('hex');

export function sealSecret(keys: SecondFactorKeys, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(keys: SecondFactorKeys, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1') throw new Error('Unknown sealed TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', keys.seal, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
