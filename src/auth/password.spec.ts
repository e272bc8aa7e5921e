import { hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Kattegat-æøå-2026');
    await expect(verifyPassword('Kattegat-æøå-2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('kattegat-æøå-2026', hash)).resolves.toBe(false);
  });

  it("salts, and uses OWASP's scrypt parameters N=2^17, r=8, p=1", async () => {
    const [a, b] = await Promise.all([hashPassword('samme-kodeord'), hashPassword('samme-kodeord')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(a)).toBe(false);
  });

  it('still verifies a hash with the older parameters, and says it needs hashing again', async () => {
    // Made with N=2^15, r=8, p=1, as hashes were stored before.
    const old = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$LZCq5JbwbyxKKo1DLNFcxOF/nt6WziWIqLtkjEytzAg=';
    await expect(verifyPassword('gammelt-kodeord', old)).resolves.toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$3$8$1$c2FsdA==$a2V5')).resolves.toBe(false);
  });
});
