import { asciiFold, FIRST_NAMES, SURNAMES } from '../src/demo/demo-members';
import { loadReferenceData } from '../src/reference/reference-data';

/** One cycle of the whole country as a municipality file would have it, for the import benchmarks. */

const LETTERS = ['A', 'A', 'A', 'V', 'V', 'C', 'C', 'F', 'Ø', 'Æ', 'B', 'I', 'O', 'M', 'Å', 'K', 'L'];
const SMALL: Record<number, number> = { 101: 55, 825: 9, 741: 11, 563: 13, 492: 15 };
export const TOTAL = 2500;

/** Council seats per municipality: the real extremes, the rest spread to make 2,500 in all. */
function seats(codes: number[]): Map<number, number> {
  const others = codes.filter((c) => !SMALL[c]);
  const rest = TOTAL - Object.values(SMALL).reduce((a, b) => a + b, 0);
  const base = Math.floor(rest / others.length);
  const extra = rest - base * others.length;
  return new Map(codes.map((c) => [c, SMALL[c] ?? base + (others.indexOf(c) < extra ? 1 : 0)]));
}

export function countryRows(): string[][] {
  const { municipalities } = loadReferenceData();
  const perMunicipality = seats(municipalities.map((m) => m.code));
  const rows: string[][] = [];
  let n = 0;
  for (const m of municipalities) {
    for (let seat = 0; seat < perMunicipality.get(m.code)!; seat++, n++) {
      const first = FIRST_NAMES[(n * 7) % FIRST_NAMES.length];
      const last = SURNAMES[(n * 11 + seat) % SURNAMES.length];
      const letter = LETTERS[(n * 5 + seat) % LETTERS.length];
      rows.push([
        `${first} ${last}`,
        `${asciiFold(first)}.${asciiFold(last)}.${n}@${asciiFold(m.name).replace(/[^a-z]/g, '')}.dk`,
        n % 3 === 0 ? `+45 ${20000000 + n}` : '',
        n % 2 === 0 ? m.name : String(m.code),
        letter === 'L' ? `L - ${m.name}listen` : letter,
        n % 2 === 0 ? 'ja' : 'nej',
        seat === 0 ? 'borgmester' : seat === 1 ? 'viceborgmester' : seat < 6 ? 'udvalgsformand' : '',
        n % 9 === 0 ? 'vegetar' : '',
      ]);
    }
  }
  return rows;
}

export const HEADER = ['Navn', 'E-mail', 'Telefon', 'Kommune', 'Parti', 'Nyvalgt', 'Rolle', 'Kost'];

export function csvFile(rows: string[][]): Buffer {
  const text = [HEADER, ...rows].map((r) => r.join(';')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
