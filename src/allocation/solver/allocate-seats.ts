import { Coordinates, haversineKm } from '../../reference/distance';
import {
  AllocationInput,
  AllocationMember,
  AllocationOptions,
  AllocationResult,
  AllocationSeminar,
  Assignment,
  Unplaced,
} from './allocation.types';
import { fairOrder } from './fair-order';
import { FlowNetwork, networkSimplex } from './network-simplex';

/**
 * Default K for a seminar of the given capacity: floor(capacity / 8), at least 1. A full
 * seminar then draws on at least eight municipalities (25 seats → 3 per municipality → 9),
 * which is the mixing the programme is for, while leaving room for the large municipalities
 * (København elects 55) across a wave of seminars.
 */
export function defaultMaxPerMunicipality(capacity: number): number {
  return Math.max(1, Math.floor(capacity / 8));
}

/** Costs are whole metres so the flow is solved exactly in integers. */
export function travelMetres(origin: Coordinates, venue: Coordinates): number {
  return Math.round(haversineKm(origin, venue) * 1000);
}

export function preferenceBonusMetres(rank: number, options: AllocationOptions): number {
  return Math.round((options.preferenceBonusKm?.[rank - 1] ?? 0) * 1000);
}

/** The member's best (lowest) rank for each seminar they prefer and did not exclude. */
export function preferenceRanks(member: AllocationMember): Map<number, number> {
  const excluded = new Set(member.excluded ?? []);
  const ranks = new Map<number, number>();
  for (const { seminarId, rank } of member.preferences ?? []) {
    if (excluded.has(seminarId)) continue;
    ranks.set(seminarId, Math.min(rank, ranks.get(seminarId) ?? Infinity));
  }
  return ranks;
}

/** What the solver minimises for one placement, in metres: travel minus the preference bonus. */
export function assignmentCostMetres(
  member: AllocationMember,
  seminar: AllocationSeminar,
  options: AllocationOptions,
): number {
  const rank = preferenceRanks(member).get(seminar.id);
  return travelMetres(member.origin, seminar.venue) - (rank ? preferenceBonusMetres(rank, options) : 0);
}

/**
 * Members with the same municipality, origin, seminars they may attend and bonus-bearing
 * preferences are interchangeable, so each such class is one node whose supply is its size.
 *
 * Network: class → gate(municipality, seminar) (cap = K − already seated from that
 * municipality) → seminar (cap = free seats) → sink, whose demand is every member. A class
 * without preferences ("base") has an arc to the gate of every seminar it may attend,
 * costing the travel, and an "unplaced" arc straight to the sink costing more than any
 * difference in travel between two proposals could (so the optimum places as many as
 * possible first, then minimises cost). A class with preferences has arcs to the gates of
 * its preferred seminars, costing travel − bonus, plus a free arc into its base class for
 * everything else. With a positive bonus an optimal flow never takes the detour through
 * the base class to a preferred seminar, so every unit's flow cost is its member's cost.
 */
interface GateArc {
  seminar: number;
  arc: number;
}

interface BaseClass {
  municipalityCode: number;
  origin: Coordinates;
  seminars: number[];
  /** Own members; members of its preference classes routed through it join after solving. */
  pool: number[];
  /** Members who can reach it: its own and those of its preference classes. */
  reach: number;
  node: number;
  gateArcs: GateArc[];
}

interface PreferenceClass {
  base: BaseClass;
  bonuses: { seminar: number; bonus: number }[];
  members: number[];
  node: number;
  baseArc: number;
  gateArcs: GateArc[];
}

/** A class → gate arc to add once the unplaced penalty (which depends on all costs) is known. */
interface Placement {
  from: number;
  gate: number;
  capacity: number;
  cost: number;
  arcs: GateArc[];
  seminar: number;
}

interface Grouping {
  bases: BaseClass[];
  preferenceClasses: PreferenceClass[];
  excludedFromAll: Set<number>;
}

function groupMembers(
  members: AllocationMember[],
  seminars: AllocationSeminar[],
  options: AllocationOptions,
): Grouping {
  const seminarIndex = new Map(seminars.map((s, i) => [s.id, i]));
  const bases = new Map<string, BaseClass>();
  const preferenceClasses = new Map<string, PreferenceClass>();
  const excludedFromAll = new Set<number>();
  for (const member of members) {
    const excluded = [...new Set(member.excluded ?? [])]
      .flatMap((id) => seminarIndex.get(id) ?? [])
      .sort((a, b) => a - b);
    const baseKey = `${member.municipalityCode}|${member.origin.latitude}|${member.origin.longitude}|${excluded}`;
    let base = bases.get(baseKey);
    if (!base) {
      const { municipalityCode, origin } = member;
      const allowed = seminars.flatMap((s, i) => (s.freeSeats === 0 || excluded.includes(i) ? [] : [i]));
      base = { municipalityCode, origin, seminars: allowed, pool: [], reach: 0, node: -1, gateArcs: [] };
      bases.set(baseKey, base);
    }
    if (base.seminars.length === 0) {
      if (seminars.length > 0 && excluded.length === seminars.length) excludedFromAll.add(member.id);
      continue;
    }
    const bonuses = [...preferenceRanks(member)]
      .map(([seminarId, rank]) => ({
        seminar: seminarIndex.get(seminarId) ?? -1,
        bonus: preferenceBonusMetres(rank, options),
      }))
      .filter((p) => p.seminar >= 0 && p.bonus > 0 && seminars[p.seminar].freeSeats > 0)
      .sort((a, b) => a.seminar - b.seminar);
    if (bonuses.length === 0) {
      base.pool.push(member.id);
      base.reach++;
      continue;
    }
    const key = `${baseKey}|${bonuses.map((p) => `${p.seminar}:${p.bonus}`)}`;
    let preferenceClass = preferenceClasses.get(key);
    if (!preferenceClass) {
      preferenceClass = { base, bonuses, members: [], node: -1, baseArc: -1, gateArcs: [] };
      preferenceClasses.set(key, preferenceClass);
    }
    preferenceClass.members.push(member.id);
    base.reach++;
  }
  return {
    bases: [...bases.values()].filter((b) => b.seminars.length > 0),
    preferenceClasses: [...preferenceClasses.values()],
    excludedFromAll,
  };
}

export function allocateSeats(input: AllocationInput): AllocationResult {
  validate(input);
  const { options } = input;
  const members = [...input.members].sort((a, b) => a.id - b.id);
  const seminars = [...input.seminars].sort((a, b) => a.id - b.id);
  const grouping = groupMembers(members, seminars, options);
  const { network, unplacedCost, placeable, shift } = buildNetwork(grouping, seminars, options);
  const flow = networkSimplex(network);

  // Within a class members are interchangeable: they take the seminars in a fair order.
  const placedIn = new Map<number, number>();
  const hand = (ids: number[], arcs: GateArc[]): number => {
    let next = 0;
    for (const { seminar, arc } of arcs) {
      for (let k = network.flowOn(arc); k > 0; k--) placedIn.set(ids[next++], seminar);
    }
    return next;
  };
  for (const pc of grouping.preferenceClasses) {
    pc.members = fairOrder(pc.members);
    const next = hand(pc.members, pc.gateArcs);
    pc.base.pool.push(...pc.members.slice(next, next + network.flowOn(pc.baseArc)));
  }
  for (const base of grouping.bases) {
    hand(fairOrder(base.pool), base.gateArcs);
  }

  const placed = placedIn.size;
  const result = summarise(members, seminars, options, placedIn, grouping.excludedFromAll, {
    nodes: network.nodeCount,
    arcs: network.arcCount,
    pivots: flow.pivots,
  });
  const flowCost = flow.cost - unplacedCost * (placeable - placed) - shift * placed;
  if (Math.round(result.totalCost * 1000) !== flowCost) {
    throw new Error(`allocation: assignments cost ${result.totalCost} km but the flow cost ${flowCost} m`);
  }
  result.optimality = {
    engine: 'flow',
    gap: 0,
    boundKm: result.totalCost,
    placedProven: true,
    timeLimitHit: false,
  };
  return result;
}

function buildNetwork(
  { bases, preferenceClasses }: Grouping,
  seminars: AllocationSeminar[],
  options: AllocationOptions,
) {
  const network = new FlowNetwork();
  const sink = network.addNode();
  const seminarNodes = seminars.map((s) => {
    const node = network.addNode();
    network.addArc(node, sink, s.freeSeats, 0);
    return node;
  });
  const seated = new Map<string, number>();
  seminars.forEach((s, i) => {
    for (const { municipalityCode, count } of s.seated ?? []) {
      seated.set(`${municipalityCode}|${i}`, (seated.get(`${municipalityCode}|${i}`) ?? 0) + count);
    }
  });
  const gates = new Map<string, number>();
  /** The gate node of a municipality in a seminar, or -1 when the municipality has no room left there. */
  const gate = (municipalityCode: number, seminar: number): number => {
    const key = `${municipalityCode}|${seminar}`;
    let node = gates.get(key);
    if (node === undefined) {
      const room = Math.min(options.maxPerMunicipality - (seated.get(key) ?? 0), seminars[seminar].freeSeats);
      node = room > 0 ? network.addNode() : -1;
      if (node >= 0) network.addArc(node, seminarNodes[seminar], room, 0);
      gates.set(key, node);
    }
    return node;
  };

  // Placement costs are shifted by the largest bonus so that none is negative; then a
  // penalty above the cost of placing everyone makes one more placement always worth more
  // than any saving in travel.
  const bonuses = (options.preferenceBonusKm ?? []).map((_, i) => preferenceBonusMetres(i + 1, options));
  const shift = Math.max(0, ...bonuses);
  const placements: Placement[] = [];
  let placeable = 0;
  for (const base of bases) {
    base.node = network.addNode(base.pool.length);
    placeable += base.pool.length;
  }
  for (const pc of preferenceClasses) {
    const size = pc.members.length;
    pc.node = network.addNode(size);
    pc.baseArc = network.addArc(pc.node, pc.base.node, size, 0);
    placeable += size;
    for (const { seminar, bonus } of pc.bonuses) {
      const cost = travelMetres(pc.base.origin, seminars[seminar].venue) - bonus + shift;
      const to = gate(pc.base.municipalityCode, seminar);
      placements.push({ from: pc.node, gate: to, capacity: size, cost, arcs: pc.gateArcs, seminar });
    }
  }
  for (const base of bases) {
    for (const seminar of base.seminars) {
      const cost = travelMetres(base.origin, seminars[seminar].venue) + shift;
      const to = gate(base.municipalityCode, seminar);
      placements.push({
        from: base.node,
        gate: to,
        capacity: base.reach,
        cost,
        arcs: base.gateArcs,
        seminar,
      });
    }
  }
  const unplacedCost = placeable * placements.reduce((max, p) => Math.max(max, p.cost), 0) + 1;
  for (const p of placements) {
    if (p.gate < 0) continue;
    p.arcs.push({ seminar: p.seminar, arc: network.addArc(p.from, p.gate, p.capacity, p.cost) });
  }
  for (const base of bases) network.addArc(base.node, sink, Infinity, unplacedCost);
  network.addSupply(sink, -placeable);
  return { network, unplacedCost, placeable, shift };
}

/**
 * The result from who sits where (member id → index into `seminars`, both sorted by id).
 * `optimality` is the caller's to fill in.
 */
export function summarise(
  members: AllocationMember[],
  seminars: AllocationSeminar[],
  options: AllocationOptions,
  placedIn: Map<number, number>,
  excludedFromAll: Set<number>,
  run: { nodes: number; arcs: number; pivots: number },
): AllocationResult {
  const assignments: Assignment[] = [];
  const unplaced: Unplaced[] = [];
  const atRank = new Map<number, number>();
  let totalMetres = 0;
  let costMetres = 0;
  let longestMetres = 0;
  for (const member of members) {
    const seminarIdx = placedIn.get(member.id);
    if (seminarIdx === undefined) {
      const reason = excludedFromAll.has(member.id) ? 'all_seminars_excluded' : 'no_seat_within_limits';
      unplaced.push({ memberId: member.id, reason });
      continue;
    }
    const seminar = seminars[seminarIdx];
    const metres = travelMetres(member.origin, seminar.venue);
    const cost = assignmentCostMetres(member, seminar, options);
    const rank = preferenceRanks(member).get(seminar.id) ?? null;
    if (rank !== null) atRank.set(rank, (atRank.get(rank) ?? 0) + 1);
    totalMetres += metres;
    costMetres += cost;
    longestMetres = Math.max(longestMetres, metres);
    assignments.push({
      memberId: member.id,
      seminarId: seminar.id,
      km: metres / 1000,
      cost: cost / 1000,
      preferenceRank: rank,
    });
  }
  return {
    assignments,
    unplaced,
    totalKm: totalMetres / 1000,
    totalCost: costMetres / 1000,
    stats: {
      members: members.length,
      placed: assignments.length,
      unplaced: unplaced.length,
      placedAtPreference: [...atRank].sort((a, b) => a[0] - b[0]).map(([rank, n]) => ({ rank, members: n })),
      longestKm: longestMetres / 1000,
      networkNodes: run.nodes,
      networkArcs: run.arcs,
      pivots: run.pivots,
    },
    optimality: { engine: 'flow', gap: 0, boundKm: 0, placedProven: true, timeLimitHit: false },
  };
}

export function validate({ members, seminars, options }: AllocationInput): void {
  const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
  const isPlace = (c: Coordinates) => Number.isFinite(c.latitude) && Number.isFinite(c.longitude);
  if (!Number.isSafeInteger(options.maxPerMunicipality) || options.maxPerMunicipality < 1) {
    throw new RangeError(
      `allocation: maxPerMunicipality must be a whole number ≥ 1, got ${options.maxPerMunicipality}`,
    );
  }
  if (
    options.maxPerParty !== undefined &&
    (!Number.isSafeInteger(options.maxPerParty) || options.maxPerParty < 1)
  ) {
    throw new RangeError(`allocation: maxPerParty must be a whole number ≥ 1, got ${options.maxPerParty}`);
  }
  for (const km of options.preferenceBonusKm ?? []) {
    if (!Number.isFinite(km) || km < 0)
      throw new RangeError(`allocation: preference bonus ${km} km is not ≥ 0`);
  }
  const seminarIds = new Set<number>();
  for (const s of seminars) {
    if (!Number.isSafeInteger(s.id) || seminarIds.has(s.id))
      throw new RangeError(`allocation: seminar id ${s.id} twice or not whole`);
    seminarIds.add(s.id);
    if (!isCount(s.freeSeats))
      throw new RangeError(`allocation: seminar ${s.id} has freeSeats ${s.freeSeats}`);
    if (!isPlace(s.venue)) throw new RangeError(`allocation: seminar ${s.id} has no venue coordinates`);
    if (!(s.seated ?? []).every((c) => isCount(c.count)))
      throw new RangeError(`allocation: seminar ${s.id} has a bad seated count`);
  }
  const memberIds = new Set<number>();
  for (const m of members) {
    if (!Number.isSafeInteger(m.id) || memberIds.has(m.id))
      throw new RangeError(`allocation: member id ${m.id} twice or not whole`);
    memberIds.add(m.id);
    if (!isPlace(m.origin)) throw new RangeError(`allocation: member ${m.id} has no origin coordinates`);
    if (!(m.preferences ?? []).every((p) => Number.isSafeInteger(p.rank) && p.rank >= 1)) {
      throw new RangeError(`allocation: member ${m.id} has a preference rank below 1`);
    }
  }
}
