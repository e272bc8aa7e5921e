import { redactUrl } from './logging';

describe(redactUrl.name, () => {
  it('removes personal-link tokens from paths and query strings', () => {
    expect(redactUrl('/p/AbC123_-xyz/seminarer?x=1')).toBe('/p/[token]/seminarer?x=1');
    expect(redactUrl('/evaluering?token=secret&lang=da')).toBe('/evaluering?token=[token]&lang=da');
    expect(redactUrl('/evaluering/AbC123_-xyz/tak')).toBe('/evaluering/[token]/tak');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/cycles/3/members?page=2')).toBe('/api/cycles/3/members?page=2');
  });
});
