import { danishSpan } from './plan-view';

describe(danishSpan.name, () => {
  it('leaves out the end’s day when it is the same Copenhagen day, also where the UTC days differ', () => {
    expect(danishSpan(new Date('2026-01-14T23:30:00Z'), new Date('2026-01-15T12:00:00Z'))).toBe(
      'torsdag den 15. januar 2026 kl. 00.30 – kl. 13.00',
    );
  });

  it('writes the end’s day when it is another Copenhagen day, also where the UTC day is the same', () => {
    expect(danishSpan(new Date('2026-01-15T12:00:00Z'), new Date('2026-01-15T23:30:00Z'))).toBe(
      'torsdag den 15. januar 2026 kl. 13.00 – fredag den 16. januar 2026 kl. 00.30',
    );
  });
});
