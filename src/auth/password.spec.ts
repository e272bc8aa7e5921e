import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Kattegat-æøå-2026');
    await expect(verifyPassword('Kattegat-æøå-2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('kattegat-æøå-2026', hash)).resolves.toBe(false);
  });

  it('salts: the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('samme-kodeord'), hashPassword('samme-kodeord')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });
});
