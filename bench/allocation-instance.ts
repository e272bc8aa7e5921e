import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  AllocationInput,
  AllocationMember,
  AllocationSeminar,
} from '../src/allocation/solver/allocation.types';
import { haversineKm } from '../src/reference/distance';
import { SEEDS_DIR } from '../src/paths';

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same instance. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csv = (file: string): Record<string, string>[] =>
  parse(readFileSync(join(SEEDS_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true });

/** Council sizes that differ from the usual 21–31 seats. */
const COUNCIL_SIZE: Record<number, number> = {
  101: 55,
  751: 31,
  851: 31,
  461: 29,
  825: 9,
  741: 11,
  563: 15,
  492: 15,
};

export interface Scenario {
  name: string;
  members: number;
  seminars: number;
  seatsPerSeminar: number;
  maxPerMunicipality: number;
  withPreferences: number;
  withExclusions: number;
}

export function buildInstance(scenario: Scenario): AllocationInput {
  const next = random(6);
  const municipalities = csv('reference/municipalities.csv').map((m) => ({
    code: Number(m.code),
    origin: { latitude: Number(m.lat), longitude: Number(m.lon) },
  }));
  const sizes = municipalities.map((m) => COUNCIL_SIZE[m.code] ?? 22 + (m.code % 7));
  for (let i = 0; sizes.reduce((a, b) => a + b, 0) < scenario.members; i++) sizes[i % sizes.length]++;
  const venues = csv('demo/venues.csv').map((v) => ({ latitude: Number(v.lat), longitude: Number(v.lon) }));
  const seminars: AllocationSeminar[] = Array.from({ length: scenario.seminars }, (_, i) => {
    const town = venues[i % venues.length];
    const jitter = i < venues.length ? 0 : 0.1;
    return {
      id: i + 1,
      venue: {
        latitude: town.latitude + (next() - 0.5) * jitter,
        longitude: town.longitude + (next() - 0.5) * jitter,
      },
      freeSeats: scenario.seatsPerSeminar,
    };
  });
  const members: AllocationMember[] = [];
  municipalities.forEach((m, k) => {
    const nearest = [...seminars]
      .sort((a, b) => haversineKm(m.origin, a.venue) - haversineKm(m.origin, b.venue))
      .slice(0, 10);
    for (let j = 0; j < sizes[k] && members.length < scenario.members; j++) {
      const member: AllocationMember = { id: members.length + 1, municipalityCode: m.code, origin: m.origin };
      if (next() < scenario.withPreferences) {
        const picks = [...nearest].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 3));
        member.preferences = picks.map((s, r) => ({ seminarId: s.id, rank: r + 1 }));
      }
      if (next() < scenario.withExclusions) {
        member.excluded = seminars.filter(() => next() < 0.15).map((s) => s.id);
      }
      members.push(member);
    }
  });
  return {
    members,
    seminars,
    options: { maxPerMunicipality: scenario.maxPerMunicipality, preferenceBonusKm: [50, 25, 12.5] },
  };
}

/**
 * Share of council seats per national list, roughly as at the 2021 municipal elections; the
 * rest (7.5 %) are local lists, one or two per municipality.
 */
export const NATIONAL_LISTS: [string, number][] = [
  ['A', 0.285],
  ['V', 0.2],
  ['C', 0.159],
  ['F', 0.08],
  ['Ø', 0.055],
  ['O', 0.04],
  ['B', 0.035],
  ['D', 0.03],
  ['I', 0.015],
  ['Å', 0.012],
  ['K', 0.008],
  ['Æ', 0.006],
];

/** The instance with every member on a list: national letters by share, else a local list of the municipality. */
export function withParties(input: AllocationInput, maxPerParty: number): AllocationInput {
  const next = random(18);
  const members = input.members.map((m) => {
    let draw = next();
    for (const [letter, share] of NATIONAL_LISTS) {
      if (draw < share) return { ...m, party: letter };
      draw -= share;
    }
    return { ...m, party: `${m.municipalityCode}/${next() < 0.7 ? 'L' : 'Q'}` };
  });
  return { ...input, members, options: { ...input.options, maxPerParty } };
}
