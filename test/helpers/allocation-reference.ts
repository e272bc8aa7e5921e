import loadHighs from 'highs';
import {
  AllocationInput,
  AllocationMember,
  AllocationOptions,
  AllocationResult,
  AllocationSeminar,
} from '../../src/allocation/solver/allocation.types';
import { haversineKm } from '../../src/reference/distance';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loaded: Promise<Highs> | undefined;

/** HiGHS (WASM) loaded once per test file. */
export function highsSolver(): Promise<Highs> {
  loaded ??= loadHighs();
  return loaded;
}

/**
 * The cost rule restated from the documentation rather than imported from the solver: whole
 * metres of great-circle travel, minus the bonus of the member's best rank for the seminar.
 */
export function referenceCostMetres(
  member: AllocationMember,
  seminar: AllocationSeminar,
  options: AllocationOptions,
) {
  const ranks = (member.preferences ?? []).filter((p) => p.seminarId === seminar.id).map((p) => p.rank);
  const bonusKm = ranks.length > 0 ? (options.preferenceBonusKm?.[Math.min(...ranks) - 1] ?? 0) : 0;
  return Math.round(haversineKm(member.origin, seminar.venue) * 1000) - Math.round(bonusKm * 1000);
}

export interface ReferenceOptimum {
  placed: number;
  costMetres: number;
  /** memberId → seminarId */
  assignment: Map<number, number>;
  milliseconds: number;
}

/**
 * The allocation as a plain LP on one variable per (member, seminar) pair the member may
 * attend, with no grouping: maximise Σ (M − cost) · x, where M exceeds any cost difference
 * between proposals so that placing one more member always wins. Without a party rule the
 * constraint matrix is totally unimodular, so the simplex vertex HiGHS returns is integral
 * (checked here); with one, the variables are declared binary and HiGHS branches.
 */
export function referenceLp({ members, seminars, options }: AllocationInput): {
  lp: string;
  costs: Map<string, number>;
} {
  const costs = new Map<string, number>();
  const perMember = new Map<number, string[]>();
  const perSeminar = new Map<number, string[]>();
  const perGate = new Map<string, string[]>();
  const perParty = new Map<string, string[]>();
  const push = <K>(map: Map<K, string[]>, key: K, name: string) =>
    map.set(key, [...(map.get(key) ?? []), name]);
  for (const m of members) {
    for (const s of seminars) {
      if (m.excluded?.includes(s.id)) continue;
      const name = `x_${m.id}_${s.id}`;
      costs.set(name, referenceCostMetres(m, s, options));
      push(perMember, m.id, name);
      push(perSeminar, s.id, name);
      push(perGate, `${m.municipalityCode}_${s.id}`, name);
      if (m.party !== undefined) push(perParty, `${m.party}\u0000${s.id}`, name);
    }
  }
  const values = [...costs.values()];
  const spread = Math.max(0, ...values) - Math.min(0, ...values);
  const reward = (members.length + 1) * spread + 1;
  const sum = (names: string[]) => chunks(names.map((n) => `+ ${n}`)).join('\n  ');
  const rows: string[] = [];
  for (const [id, names] of perMember) rows.push(` member_${id}: ${sum(names)} <= 1`);
  for (const s of seminars) {
    const names = perSeminar.get(s.id);
    if (names) rows.push(` seats_${s.id}: ${sum(names)} <= ${s.freeSeats}`);
  }
  for (const [key, names] of perGate) {
    const [municipalityCode, seminarId] = key.split('_').map(Number);
    const seminar = seminars.find((s) => s.id === seminarId);
    const already = (seminar?.seated ?? [])
      .filter((c) => c.municipalityCode === municipalityCode)
      .reduce((n, c) => n + c.count, 0);
    rows.push(` k_${key}: ${sum(names)} <= ${Math.max(0, options.maxPerMunicipality - already)}`);
  }
  if (options.maxPerParty !== undefined) {
    let n = 0;
    for (const [key, names] of perParty) {
      const [party, seminarId] = key.split('\u0000');
      const already = (seminars.find((s) => s.id === Number(seminarId))?.seatedParties ?? [])
        .filter((c) => c.party === party)
        .reduce((sum, c) => sum + c.count, 0);
      rows.push(` p_${n++}: ${sum(names)} <= ${Math.max(0, options.maxPerParty - already)}`);
    }
  }
  const objective = chunks([...costs].map(([name, cost]) => `+ ${reward - cost} ${name}`)).join('\n  ');
  const bounds = [...costs.keys()].map((name) => ` 0 <= ${name} <= 1`);
  const lp = [
    'Maximize',
    ` placed_minus_cost: ${objective}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ...(options.maxPerParty !== undefined ? ['Binary', ...[...costs.keys()].map((n) => ` ${n}`)] : []),
    'End',
  ];
  return { lp: lp.join('\n'), costs };
}

function chunks(terms: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 10) lines.push(terms.slice(i, i + 10).join(' '));
  return lines;
}

export async function solveWithHighs(
  input: AllocationInput,
  timeLimitSeconds?: number,
): Promise<ReferenceOptimum & { status: string }> {
  const highs = await highsSolver();
  const { lp, costs } = referenceLp(input);
  if (costs.size === 0)
    return { placed: 0, costMetres: 0, assignment: new Map(), milliseconds: 0, status: 'Empty' };
  const started = performance.now();
  const solution = highs.solve(
    lp,
    input.options.maxPerParty !== undefined
      ? { output_flag: false, mip_rel_gap: 0, ...(timeLimitSeconds ? { time_limit: timeLimitSeconds } : {}) }
      : { output_flag: false, solver: 'simplex' },
  );
  const milliseconds = performance.now() - started;
  if (solution.Status !== 'Optimal' && !(timeLimitSeconds && solution.Status === 'Time limit reached'))
    throw new Error(`HiGHS: ${solution.Status}`);
  const assignment = new Map<number, number>();
  let costMetres = 0;
  for (const [name, cost] of costs) {
    const x = solution.Columns[name]?.Primal ?? 0;
    if (Math.abs(x - Math.round(x)) > 1e-6) throw new Error(`HiGHS: fractional ${name} = ${x}`);
    if (Math.round(x) === 1) {
      const [, memberId, seminarId] = name.split('_').map(Number);
      assignment.set(memberId, seminarId);
      costMetres += cost;
    }
  }
  return { placed: assignment.size, costMetres, assignment, milliseconds, status: solution.Status };
}

/** Every rule the proposal must keep, checked from the input alone; returns what is broken. */
export function violations(
  { members, seminars, options }: AllocationInput,
  result: AllocationResult,
): string[] {
  const broken: string[] = [];
  const memberById = new Map(members.map((m) => [m.id, m]));
  const seminarById = new Map(seminars.map((s) => [s.id, s]));
  const seats = new Map<number, number>();
  const perGate = new Map<string, number>();
  const perParty = new Map<string, number>();
  const seen = new Set<number>();
  for (const a of result.assignments) {
    const member = memberById.get(a.memberId);
    const seminar = seminarById.get(a.seminarId);
    if (!member || !seminar) {
      broken.push(`unknown member ${a.memberId} or seminar ${a.seminarId}`);
      continue;
    }
    if (seen.has(a.memberId)) broken.push(`member ${a.memberId} placed twice`);
    seen.add(a.memberId);
    if (member.excluded?.includes(a.seminarId))
      broken.push(`member ${a.memberId} in excluded seminar ${a.seminarId}`);
    seats.set(a.seminarId, (seats.get(a.seminarId) ?? 0) + 1);
    const key = `${member.municipalityCode}_${a.seminarId}`;
    perGate.set(key, (perGate.get(key) ?? 0) + 1);
    if (member.party !== undefined) {
      const partyKey = `${member.party}\u0000${a.seminarId}`;
      perParty.set(partyKey, (perParty.get(partyKey) ?? 0) + 1);
    }
  }
  for (const u of result.unplaced) {
    if (seen.has(u.memberId)) broken.push(`member ${u.memberId} both placed and unplaced`);
    seen.add(u.memberId);
  }
  if (seen.size !== members.length)
    broken.push(`${members.length - seen.size} members neither placed nor unplaced`);
  for (const [seminarId, n] of seats) {
    const free = seminarById.get(seminarId)?.freeSeats ?? 0;
    if (n > free) broken.push(`seminar ${seminarId}: ${n} placed in ${free} free seats`);
  }
  for (const [key, n] of perGate) {
    const [municipalityCode, seminarId] = key.split('_').map(Number);
    const already = (seminarById.get(seminarId)?.seated ?? [])
      .filter((c) => c.municipalityCode === municipalityCode)
      .reduce((sum, c) => sum + c.count, 0);
    if (already + n > options.maxPerMunicipality) {
      broken.push(`seminar ${seminarId}: ${already + n} from municipality ${municipalityCode} > K`);
    }
  }
  if (options.maxPerParty !== undefined) {
    for (const [key, n] of perParty) {
      const [party, seminarId] = key.split('\u0000');
      const already = (seminarById.get(Number(seminarId))?.seatedParties ?? [])
        .filter((c) => c.party === party)
        .reduce((sum, c) => sum + c.count, 0);
      if (already + n > options.maxPerParty)
        broken.push(`seminar ${seminarId}: ${already + n} of party ${party} > P`);
    }
  }
  return broken;
}

/**
 * Whether a detour's stated reason is true of the proposal, checked from the input: the nearest
 * seminar is full, holds K of the member's municipality or P of the party, is excluded, or the
 * member sits in a seminar of their own wish.
 */
export function detourReasonHolds(
  { members, seminars, options }: AllocationInput,
  result: AllocationResult,
  detour: { memberId: number; seminarId: number; nearestSeminarId: number; reason: string },
): boolean {
  const member = members.find((m) => m.id === detour.memberId)!;
  const nearest = seminars.find((s) => s.id === detour.nearestSeminarId)!;
  const there = result.assignments
    .filter((a) => a.seminarId === nearest.id)
    .map((a) => members.find((m) => m.id === a.memberId)!);
  const seated = (counts: readonly { count: number }[] | undefined) =>
    (counts ?? []).reduce((n, c) => n + c.count, 0);
  switch (detour.reason) {
    case 'exclusion':
      return (member.excluded ?? []).includes(nearest.id);
    case 'own_wish':
      return (member.preferences ?? []).some((p) => p.seminarId === detour.seminarId);
    case 'capacity':
      return there.length >= nearest.freeSeats;
    case 'municipality_rule':
      return (
        there.filter((m) => m.municipalityCode === member.municipalityCode).length +
          seated(nearest.seated?.filter((c) => c.municipalityCode === member.municipalityCode)) >=
        options.maxPerMunicipality
      );
    case 'party_rule':
      return (
        options.maxPerParty !== undefined &&
        there.filter((m) => m.party === member.party).length +
          seated(nearest.seatedParties?.filter((c) => c.party === member.party)) >=
          options.maxPerParty
      );
    default:
      return false;
  }
}
