import { asciiFold, councilSize, generateMembers, seededRandom, shuffled } from './demo-members';

const MUNICIPALITIES = [
  { code: 101, name: 'København' },
  { code: 492, name: 'Ærø' },
  { code: 259, name: 'Køge' },
  { code: 173, name: 'Lyngby-Taarbæk' },
  { code: 751, name: 'Aarhus' },
];

describe(generateMembers.name, () => {
  it('gives the same members for the same seed and others for another seed', () => {
    expect(generateMembers(MUNICIPALITIES, 25)).toEqual(generateMembers(MUNICIPALITIES, 25));
    expect(generateMembers(MUNICIPALITIES, 21)).not.toEqual(generateMembers(MUNICIPALITIES, 25));
  });

  it('seats 55 in København and 15 in Ærø', () => {
    const members = generateMembers(MUNICIPALITIES, 25);
    expect(members.filter((m) => m.municipalityCode === 101)).toHaveLength(55);
    expect(members.filter((m) => m.municipalityCode === 492)).toHaveLength(15);
  });

  it('has Danish names with æøå and ascii-folded, unique e-mail addresses on a reserved .example domain per municipality', () => {
    const members = generateMembers(MUNICIPALITIES, 25);
    expect(members.some((m) => /[æøåÆØÅ]/.test(m.name))).toBe(true);
    expect(members.every((m) => /^[a-z0-9.-]+@[a-z0-9-]+\.kommune\.example$/.test(m.email))).toBe(true);
    expect(new Set(members.map((m) => m.email)).size).toBe(members.length);
    expect(members.find((m) => m.municipalityCode === 492)!.email).toMatch(/@aeroe\.kommune\.example$/);
    expect(members.find((m) => m.municipalityCode === 259)!.email).toMatch(/@koege\.kommune\.example$/);
  });

  it('makes about 40 % newly elected, one mayor per council, and national and local lists', () => {
    const all = generateMembers(
      Array.from({ length: 98 }, (_, i) => ({ code: 100 + i, name: `Kommune ${i}` })),
      25,
    );
    const share = all.filter((m) => m.newlyElected).length / all.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    expect(all.filter((m) => m.role === 'mayor')).toHaveLength(98);
    const letters = new Set(all.map((m) => m.listLetter));
    expect(letters.size).toBeGreaterThanOrEqual(10);
    expect(all.some((m) => m.listName.startsWith('Lokallisten'))).toBe(true);
  });
});

describe(asciiFold.name, () => {
  it('folds æ, ø, å and spaces for an address', () => {
    expect(asciiFold('Høje-Taastrup')).toBe('hoeje-taastrup');
    expect(asciiFold('Ærø')).toBe('aeroe');
    expect(asciiFold('Århus Nørre')).toBe('aarhus-noerre');
  });
});

describe(councilSize.name, () => {
  it('keeps other councils between 19 and 31 seats, odd', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 200; i++) {
      const size = councilSize({ code: 999, name: 'X' }, random);
      expect(size % 2).toBe(1);
      expect(size).toBeGreaterThanOrEqual(19);
      expect(size).toBeLessThanOrEqual(31);
    }
  });
});

describe(shuffled.name, () => {
  it('keeps every item and gives the same order for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = shuffled(items, seededRandom(3));
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
    expect(shuffled(items, seededRandom(3))).toEqual(once);
  });
});
