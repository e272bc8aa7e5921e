import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { allocateSeats } from '../src/allocation/solver/allocate-seats';
import {
  AllocationInput,
  AllocationMember,
  AllocationSeminar,
} from '../src/allocation/solver/allocation.types';
import { haversineKm } from '../src/reference/distance';
import { SEEDS_DIR } from '../src/paths';
import { solveWithHighs, violations } from '../test/helpers/allocation-reference';

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same instance. */
function random(seed: number): () => number {
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

interface Scenario {
  name: string;
  members: number;
  seminars: number;
  seatsPerSeminar: number;
  maxPerMunicipality: number;
  withPreferences: number;
  withExclusions: number;
}

function buildInstance(scenario: Scenario): AllocationInput {
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const scenarios: Scenario[] = [
  {
    name: 'national: 2,500 members, 40 × 64 seats, K = 3, ⅓ with preferences',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 64,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0,
  },
  {
    name: 'capacity short: 2,500 members, 40 × 25 seats, K = 3, ⅓ with preferences',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 25,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0,
  },
  {
    name: 'with dates: as national, and 20 % exclude ~15 % of the seminars',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 64,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0.2,
  },
];

describe('allocation benchmark', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const input = buildInstance(scenario);
    const times: number[] = [];
    let result = allocateSeats(input);
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      result = allocateSeats(input);
      times.push(performance.now() - started);
    }
    expect(violations(input, result)).toEqual([]);
    const optimum = await solveWithHighs(input);
    const costMetres = Math.round(result.totalCost * 1000);
    const gap = (costMetres - optimum.costMetres) / Math.abs(optimum.costMetres);
    const figures = {
      scenario: scenario.name,
      solverMedianMs: median(times).toFixed(1),
      solverMinMs: Math.min(...times).toFixed(1),
      highsMs: optimum.milliseconds.toFixed(0),
      placed: `${result.stats.placed} (HiGHS ${optimum.placed})`,
      totalCostKm: `${result.totalCost} (HiGHS ${optimum.costMetres / 1000})`,
      gapPercent: (gap * 100).toFixed(4),
      totalKm: result.totalKm,
      placedAtPreference: result.stats.placedAtPreference,
      network: `${result.stats.networkNodes} nodes, ${result.stats.networkArcs} arcs`,
      pivots: result.stats.pivots,
      loadAverage: loadavg()[0].toFixed(1),
    };
    console.log(JSON.stringify(figures, null, 2));
    expect(result.stats.placed).toBe(optimum.placed);
    expect(costMetres).toBe(optimum.costMetres);
  });
});
