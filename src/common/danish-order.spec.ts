import { danishCompare } from './danish-order';

describe('danishCompare', () => {
  it('puts Æ, Ø and Å after Z, in that order, and Aa with Å', () => {
    expect(['Åse', 'Aage', 'Zenia', 'Ærø', 'Øster', 'Anna', 'Bo'].sort(danishCompare)).toEqual([
      'Anna',
      'Bo',
      'Zenia',
      'Ærø',
      'Øster',
      'Aage',
      'Åse',
    ]);
    expect(['Aarhus', 'Aabenraa', 'Albertslund', 'Favrskov', 'Ærø'].sort(danishCompare)).toEqual([
      'Albertslund',
      'Favrskov',
      'Ærø',
      'Aabenraa',
      'Aarhus',
    ]);
  });

  it('treats case and accents as the callers expect: upper case first on a tie, equal only when equal', () => {
    expect(['b', 'a', 'B', 'A'].sort(danishCompare)).toEqual(['A', 'a', 'B', 'b']);
    expect(danishCompare('Holm', 'Holm')).toBe(0);
    expect(danishCompare('Holm', 'holm')).not.toBe(0);
    expect(danishCompare('é', 'e')).not.toBe(0);
  });

  it('compares digits as text, not as numbers (no caller asks for numeric order)', () => {
    expect(['Hold 9', 'Hold 10'].sort(danishCompare)).toEqual(['Hold 10', 'Hold 9']);
  });

  it("orders exactly as localeCompare with 'da' did", () => {
    const words = [
      'Aage',
      'aage',
      'Åse',
      'Zenia',
      'zenia',
      'Ærø',
      'Øster',
      'Ø',
      'å',
      'Hold 10',
      'Hold 9',
      'É',
      'e',
      '',
    ];
    for (const a of words)
      for (const b of words)
        // eslint-disable-next-line no-restricted-syntax -- the old way, as the yardstick
        expect(Math.sign(danishCompare(a, b))).toBe(Math.sign(a.localeCompare(b, 'da')));
  });
});
