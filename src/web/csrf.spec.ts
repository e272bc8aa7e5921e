import { issueCsrf, verifyCsrf } from './csrf';

describe('issueCsrf', () => {
  const secret = 's'.repeat(40);
  const now = Date.parse('2026-01-15T12:00:00Z');

  it('accepts the fields it issued for the same link', () => {
    expect(verifyCsrf(secret, 'hash-a', issueCsrf(secret, 'hash-a', now), now + 1000)).toBe(true);
  });

  it('refuses them for another link, another secret, a changed nonce or a missing mac', () => {
    const fields = issueCsrf(secret, 'hash-a', now);
    expect(verifyCsrf(secret, 'hash-b', fields, now)).toBe(false);
    expect(verifyCsrf('t'.repeat(40), 'hash-a', fields, now)).toBe(false);
    expect(verifyCsrf(secret, 'hash-a', { ...fields, nonce: `${fields.nonce}x` }, now)).toBe(false);
    expect(verifyCsrf(secret, 'hash-a', { nonce: fields.nonce }, now)).toBe(false);
  });

  it('refuses a form older than 12 hours', () => {
    const fields = issueCsrf(secret, 'hash-a', now);
    expect(verifyCsrf(secret, 'hash-a', fields, now + 12 * 3600 * 1000 + 1)).toBe(false);
  });
});

describe('issueCsrf nonces', () => {
  it('are never the same twice, across more than one block of random bytes', () => {
    const nonces = Array.from({ length: 2000 }, () => issueCsrf('s'.repeat(40), 'hash-a', 0).nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces.every((n) => /^0\.[A-Za-z0-9_-]{16}$/.test(n))).toBe(true);
  });
});
