import { ImportRowCode, MessageParams } from '../common/danish-messages';
import { MemberRole } from './member.entity';

/** The personal fields that erasure blanks; everything else stays for the statistics. */
export const PERSONAL_FIELDS = ['name', 'email', 'phone', 'diet', 'accessibility', 'note'] as const;

/** A member's own data as the planner or a file gives it. */
export interface MemberFields {
  name: string;
  email: string;
  phone: string | null;
  municipalityCode: number;
  listLetter: string;
  listName: string;
  newlyElected: boolean;
  role: MemberRole;
  diet: string | null;
  accessibility: string | null;
  note: string | null;
}

export const MEMBER_FIELD_LIMITS = {
  name: 200,
  email: 254,
  phone: 40,
  listLetter: 3,
  listName: 200,
  diet: 500,
  accessibility: 500,
  note: 1000,
} as const;

// Deliberately plain: one @, no spaces, a dot in the domain. Mail delivery is the real test.
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;.]{2,}$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Lower case for search: JavaScript lowers æøå, SQLite's LOWER does not. */
export function searchTextOf(name: string | null, email: string | null): string | null {
  if (name === null && email === null) return null;
  return `${name ?? ''} ${email ?? ''}`.toLowerCase().slice(0, 500);
}

/** Folds a name for matching: case, æøå spelled out (Århus/Aarhus), spaces, hyphens and dots. */
export function foldName(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s\-_.'’]+/g, '');
}

export interface ReferenceLookup {
  /** A municipality given as code (`101`, `0101`) or name (`København`, `Københavns Kommune`). */
  municipality(value: string): number | null;
  partyName(letter: string): string | undefined;
  partyLetter(name: string): string | undefined;
  regionOf(municipalityCode: number): number | undefined;
}

export function buildReferenceLookup(
  municipalities: Array<{ code: number; name: string; regionCode: number }>,
  parties: Array<{ letter: string; name: string }>,
): ReferenceLookup {
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const byName = new Map(municipalities.map((m) => [foldName(m.name), m.code]));
  const partyByLetter = new Map(parties.map((p) => [p.letter, p.name]));
  const letterByName = new Map(parties.map((p) => [foldName(p.name), p.letter]));
  return {
    municipality(value) {
      const given = value.trim();
      if (/^\d{1,4}$/.test(given)) return byCode.has(Number(given)) ? Number(given) : null;
      const folded = foldName(given.replace(/\s+(regions)?kommune$/i, ''));
      return byName.get(folded) ?? byName.get(folded.replace(/s$/, '')) ?? null;
    },
    partyName: (letter) => partyByLetter.get(letter),
    partyLetter: (name) => letterByName.get(foldName(name)),
    regionOf: (code) => byCode.get(code)?.regionCode,
  };
}

export type ListResult =
  { letter: string; name: string } | { problem: string; code: ImportRowCode; params?: MessageParams };

/**
 * A list from its letter and/or name. A national party's name follows from its letter; a local
 * list's letter means something only within its municipality, so it needs its name as well.
 */
export function resolveList(letter: string | null, name: string | null, lookup: ReferenceLookup): ListResult {
  const cleanLetter = letter?.trim().toUpperCase() || null;
  const cleanName = name?.trim() || null;
  if (cleanLetter && !/^[A-ZÆØÅ]{1,3}$/.test(cleanLetter))
    return {
      problem: `"${cleanLetter}" is not a list letter`,
      code: 'list_letter_invalid',
      params: { value: cleanLetter },
    };
  if (cleanLetter && cleanName) return { letter: cleanLetter, name: cleanName };
  if (cleanLetter) {
    const party = lookup.partyName(cleanLetter);
    return party
      ? { letter: cleanLetter, name: party }
      : {
          problem: `list ${cleanLetter} is not a national party: give the local list's name too`,
          code: 'list_needs_name',
          params: { letter: cleanLetter },
        };
  }
  if (cleanName) {
    const partyLetter = lookup.partyLetter(cleanName);
    return partyLetter
      ? { letter: partyLetter, name: lookup.partyName(partyLetter) ?? cleanName }
      : {
          problem: `"${cleanName}" is not a national party: give the local list's letter too`,
          code: 'list_needs_letter',
          params: { name: cleanName },
        };
  }
  return { problem: 'missing', code: 'missing' };
}

/** `A`, `A - Socialdemokratiet`, `A. Socialdemokratiet`, `Socialdemokratiet (A)` or a party name alone. */
export function splitListCell(value: string): { letter: string | null; name: string | null } {
  const text = value.trim();
  const letterOnly = /^([A-Za-zÆØÅæøå]{1,3})$/.exec(text);
  if (letterOnly && text === text.toUpperCase()) return { letter: letterOnly[1], name: null };
  const letterFirst = /^([A-ZÆØÅ]{1,3})\s*[-–.:)]\s*(.+)$/.exec(text) ?? /^([A-ZÆØÅ])\s+(.+)$/.exec(text);
  if (letterFirst) return { letter: letterFirst[1], name: letterFirst[2].trim() };
  const letterLast = /^(.+?)\s*\(([A-ZÆØÅ]{1,3})\)$/.exec(text);
  if (letterLast) return { letter: letterLast[2], name: letterLast[1].trim() };
  return { letter: null, name: text || null };
}
