/** Pure rules for the demo data set: deterministic, so every `npm run demo` gives the same people. */

export interface DemoMunicipality {
  code: number;
  name: string;
}

export interface DemoMember {
  name: string;
  email: string;
  phone: string;
  municipalityCode: number;
  listLetter: string;
  listName: string;
  newlyElected: boolean;
  role: 'member' | 'mayor' | 'deputy_mayor';
}

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = [
  'Søren',
  'Jørgen',
  'Bjørn',
  'Mette',
  'Lærke',
  'Åse',
  'Helle',
  'Anders',
  'Mads',
  'Louise',
  'Kirsten',
  'Rasmus',
  'Sofie',
  'Jens',
  'Pernille',
  'Morten',
  'Bodil',
  'Thomas',
  'Karen',
  'Frederik',
  'Ida',
  'Søs',
  'Kåre',
  'Bent',
  'Inge',
  'Jesper',
  'Lone',
  'Henrik',
  'Birgitte',
  'Niels',
  'Marianne',
  'Torben',
  'Hanne',
  'Ulla',
  'Peter',
  'Anne',
  'Lars',
  'Camilla',
  'Jakob',
  'Signe',
  'Ole',
  'Maja',
  'Asger',
  'Grethe',
  'Bo',
  'Tove',
  'Kasper',
  'Trine',
  'Martin',
];

export const SURNAMES = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Møller',
  'Mortensen',
  'Knudsen',
  'Jakobsen',
  'Mikkelsen',
  'Østergaard',
  'Kjærgaard',
  'Bæk',
  'Skovgård',
  'Dahl',
  'Lund',
  'Holm',
  'Søgaard',
  'Grønbæk',
  'Frølund',
  'Højgaard',
  'Krøyer',
  'Fæster',
  'Aagaard',
  'Brøndum',
  'Vestergård',
  'Nørgaard',
  'Damgaard',
  'Lauridsen',
];

/** National lists with rough shares of council seats; the rest are local lists. */
const NATIONAL_LISTS: Array<[letter: string, name: string, weight: number]> = [
  ['A', 'Socialdemokratiet', 27],
  ['V', 'Venstre, Danmarks Liberale Parti', 18],
  ['C', 'Det Konservative Folkeparti', 14],
  ['F', 'SF – Socialistisk Folkeparti', 10],
  ['Ø', 'Enhedslisten – De Rød-Grønne', 7],
  ['O', 'Dansk Folkeparti', 4],
  ['B', 'Radikale Venstre', 4],
  ['I', 'Liberal Alliance', 4],
  ['Æ', 'Danmarksdemokraterne', 3],
  ['M', 'Moderaterne', 1],
  ['Å', 'Alternativet', 1],
  ['K', 'Kristendemokraterne', 1],
];
const LOCAL_LIST_WEIGHT = 6;

/** Real sizes for the largest councils and the small islands; the rest an odd number from 19 to 31. */
const KNOWN_SIZES: Record<string, number> = {
  København: 55,
  Aarhus: 31,
  Aalborg: 31,
  Odense: 29,
  Læsø: 15,
  Samsø: 15,
  Fanø: 15,
  Ærø: 15,
};

export function councilSize(municipality: DemoMunicipality, random: () => number): number {
  return KNOWN_SIZES[municipality.name] ?? 19 + 2 * Math.floor(random() * 7);
}

/** æ→ae, ø→oe, å→aa, other accents dropped, spaces to hyphens: for e-mail addresses. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
}

/**
 * A municipality's demo mail domain, under `.example` (reserved by RFC 2606 and RFC 6761, never
 * delivered): `Ærø` → `aeroe.kommune.example`. The real `<kommune>.dk` domains reach real people.
 */
export function demoDomain(municipalityName: string): string {
  return `${asciiFold(municipalityName)}.kommune.example`;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function pickList(random: () => number, municipality: DemoMunicipality): [string, string] {
  const total = NATIONAL_LISTS.reduce((sum, [, , w]) => sum + w, 0) + LOCAL_LIST_WEIGHT;
  let roll = random() * total;
  for (const [letter, name, weight] of NATIONAL_LISTS) {
    roll -= weight;
    if (roll < 0) return [letter, name];
  }
  return ['L', `Lokallisten ${municipality.name}`];
}

/**
 * The members of one cycle for every municipality: about `newlyElectedShare` newly elected,
 * one mayor and one deputy mayor per council, e-mail `fornavn.efternavn@<kommune>.kommune.example`.
 */
export function generateMembers(
  municipalities: DemoMunicipality[],
  seed: number,
  newlyElectedShare = 0.4,
): DemoMember[] {
  const random = seededRandom(seed);
  const members: DemoMember[] = [];
  const usedEmails = new Set<string>();
  for (const municipality of municipalities) {
    const size = councilSize(municipality, random);
    const domain = demoDomain(municipality.name);
    for (let seat = 0; seat < size; seat++) {
      const first = pick(FIRST_NAMES, random);
      const last = pick(SURNAMES, random);
      const base = `${asciiFold(first)}.${asciiFold(last)}`;
      let email = `${base}@${domain}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${domain}`;
      usedEmails.add(email);
      const [listLetter, listName] = pickList(random, municipality);
      const role = seat === 0 ? 'mayor' : seat === 1 ? 'deputy_mayor' : 'member';
      members.push({
        name: `${first} ${last}`,
        email,
        phone: `+45 ${20 + Math.floor(random() * 80)} ${String(Math.floor(random() * 1e6)).padStart(6, '0')}`,
        municipalityCode: municipality.code,
        listLetter,
        listName,
        // Mayors are re-elected in the demo; everyone else by chance.
        newlyElected: role === 'member' && random() < newlyElectedShare * (size / (size - 2)),
        role,
      });
    }
  }
  return members;
}

/** A seeded Fisher–Yates shuffle (a copy), so seats spread over the whole country. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
