import { generate } from 'otplib';
import {
  acceptedStep,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  recoveryCodeHash,
  sealSecret,
  secondFactorKeys,
  totpUri,
} from './second-factor';

const keys = secondFactorKeys('a-secret-of-the-app-that-is-long-enough');
const NOW = 1_800_000_000;

describe('the second factor', () => {
  const secret = newTotpSecret();

  it('accepts the code of now and of the step before or after, nothing further off', async () => {
    const at = (epoch: number) => generate({ secret, epoch });
    await expect(acceptedStep(secret, await at(NOW), null, NOW)).resolves.toBe(NOW / 30);
    await expect(acceptedStep(secret, await at(NOW - 30), null, NOW)).resolves.toBe(NOW / 30 - 1);
    await expect(acceptedStep(secret, await at(NOW + 30), null, NOW)).resolves.toBe(NOW / 30 + 1);
    await expect(acceptedStep(secret, await at(NOW - 90), null, NOW)).resolves.toBeNull();
  });

  it('does not accept a code twice, nor an older one after it', async () => {
    const code = await generate({ secret, epoch: NOW });
    const step = await acceptedStep(secret, code, null, NOW);
    await expect(acceptedStep(secret, code, step, NOW)).resolves.toBeNull();
    await expect(
      acceptedStep(secret, await generate({ secret, epoch: NOW - 30 }), step, NOW),
    ).resolves.toBeNull();
  });

  it('refuses what is not six digits without asking the library', async () => {
    await expect(acceptedStep(secret, '12345', null, NOW)).resolves.toBeNull();
    await expect(acceptedStep(secret, 'abcdef', null, NOW)).resolves.toBeNull();
  });

  it('makes an otpauth URI an authenticator app reads', () => {
    const uri = new URL(totpUri(secret, 'planlaegger@kl.dk'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Kattegat');
  });

  it('seals the secret so that only the app secret opens it', () => {
    const sealed = sealSecret(keys, secret);
    expect(sealed).not.toContain(secret);
    expect(openSecret(keys, sealed)).toBe(secret);
    expect(() => openSecret(secondFactorKeys('another-secret-of-another-app-entirely'), sealed)).toThrow();
  });

  it('makes ten different recovery codes, hashed the same however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(recoveryCodeHash(keys, codes[0].toUpperCase().replace(/-/g, ' '))).toBe(
      recoveryCodeHash(keys, codes[0]),
    );
    expect(isTotpCode(' 123 456 ')).toBe(true);
    expect(isTotpCode(codes[0])).toBe(false);
  });
});
