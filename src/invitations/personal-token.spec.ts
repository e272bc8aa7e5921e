import { hashPersonalToken, looksLikePersonalToken, newPersonalToken } from './personal-token';

describe('personal tokens', () => {
  it('are 256 random bits in 43 base64url characters, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newPersonalToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(looksLikePersonalToken(token)).toBe(true);
    expect(Buffer.from([...tokens][0], 'base64url')).toHaveLength(32);
  });

  it('are stored as a SHA-256 hex digest', () => {
    expect(hashPersonalToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses anything of another shape', () => {
    for (const bad of ['', 'short', 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`]) {
      expect(looksLikePersonalToken(bad)).toBe(false);
    }
  });
});
