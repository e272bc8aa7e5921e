import loadHighs, { Highs, ModelData } from 'highs';
import { Coordinates } from '../../reference/distance';
import { preferenceBonusMetres, preferenceRanks, summarise, travelMetres, validate } from './allocate-seats';
import { AllocationInput, AllocationMember, AllocationResult, AllocationSeminar } from './allocation.types';
import { fairOrder } from './fair-order';

export interface MipProgress {
  /** most_placed: proving how many can be placed; least_travel: minimising travel for that many. */
  phase: 'most_placed' | 'least_travel';
  /** HiGHS's current relative gap, null before it has a solution. */
  gap: number | null;
  seconds: number;
}

export interface MipSettings {
  /** Both phases together; on reaching it the best proposal found is returned with its gap. */
  timeLimitSeconds?: number;
  onProgress?: (progress: MipProgress) => void;
}

let loaded: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  loaded ??= loadHighs();
  return loaded;
}

/**
 * Members alike in municipality, origin, party, excluded seminars and bonus-bearing wishes are
 * interchangeable, so the integer program has one variable per (class, seminar) saying how many
 * of the class go there, as the flow solver has one arc. A class with wishes has variables for
 * its wished seminars only and may pass members on to its base class (same members without the
 * wishes), which holds the variables for every other seminar and the unplaced count.
 */
interface MemberClass {
  municipalityCode: number;
  origin: Coordinates;
  party: string | null;
  /** Indexes into the sorted seminars this class may be placed in (room left for it). */
  seminars: number[];
  members: number[];
  bonuses: Map<number, number>;
  base: MemberClass | null;
  reach: number;
  columns: { seminar: number; column: number }[];
  /** Base: unplaced members; wish class: members passed to the base. */
  restColumn: number;
}

interface Caps {
  municipalityRoom: (code: number, seminar: number) => number;
  partyRoom: (party: string | null, seminar: number) => number;
}

function capsOf(seminars: AllocationSeminar[], input: AllocationInput): Caps {
  const { maxPerMunicipality: k, maxPerParty: p } = input.options;
  const seatedMunicipality = new Map<string, number>();
  const seatedParty = new Map<string, number>();
  seminars.forEach((s, i) => {
    for (const c of s.seated ?? [])
      seatedMunicipality.set(
        `${c.municipalityCode}|${i}`,
        (seatedMunicipality.get(`${c.municipalityCode}|${i}`) ?? 0) + c.count,
      );
    for (const c of s.seatedParties ?? [])
      seatedParty.set(`${c.party}|${i}`, (seatedParty.get(`${c.party}|${i}`) ?? 0) + c.count);
  });
  return {
    municipalityRoom: (code, i) => Math.max(0, k - (seatedMunicipality.get(`${code}|${i}`) ?? 0)),
    partyRoom: (party, i) =>
      party === null || p === undefined ? Infinity : Math.max(0, p - (seatedParty.get(`${party}|${i}`) ?? 0)),
  };
}

function groupMembers(
  members: AllocationMember[],
  seminars: AllocationSeminar[],
  input: AllocationInput,
  caps: Caps,
) {
  const seminarIndex = new Map(seminars.map((s, i) => [s.id, i]));
  const bases = new Map<string, MemberClass>();
  const wishClasses = new Map<string, MemberClass>();
  const excludedFromAll = new Set<number>();
  const classOf = new Map<number, MemberClass>();
  const roomFor = (code: number, party: string | null, i: number) =>
    Math.min(seminars[i].freeSeats, caps.municipalityRoom(code, i), caps.partyRoom(party, i));
  for (const member of members) {
    const party = member.party ?? null;
    const excluded = new Set((member.excluded ?? []).flatMap((id) => seminarIndex.get(id) ?? []));
    const baseKey = `${member.municipalityCode}|${member.origin.latitude}|${member.origin.longitude}|${party}|${[...excluded].sort((a, b) => a - b)}`;
    let base = bases.get(baseKey);
    if (!base) {
      base = {
        municipalityCode: member.municipalityCode,
        origin: member.origin,
        party,
        seminars: seminars.flatMap((_, i) =>
          excluded.has(i) || roomFor(member.municipalityCode, party, i) === 0 ? [] : [i],
        ),
        members: [],
        bonuses: new Map(),
        base: null,
        reach: 0,
        columns: [],
        restColumn: -1,
      };
      bases.set(baseKey, base);
    }
    if (seminars.length > 0 && excluded.size === seminars.length) excludedFromAll.add(member.id);
    base.reach++;
    const bonuses = [...preferenceRanks(member)]
      .map(([id, rank]) => [seminarIndex.get(id) ?? -1, preferenceBonusMetres(rank, input.options)] as const)
      .filter(([i, bonus]) => i >= 0 && bonus > 0 && base.seminars.includes(i))
      .sort((a, b) => a[0] - b[0]);
    if (bonuses.length === 0) {
      base.members.push(member.id);
      classOf.set(member.id, base);
      continue;
    }
    const key = `${baseKey}|${bonuses.map(([i, b]) => `${i}:${b}`)}`;
    let wish = wishClasses.get(key);
    if (!wish) {
      wish = {
        ...base,
        seminars: bonuses.map(([i]) => i),
        members: [],
        bonuses: new Map(bonuses),
        base,
        columns: [],
        restColumn: -1,
      };
      wishClasses.set(key, wish);
    }
    wish.members.push(member.id);
    classOf.set(member.id, wish);
  }
  return { bases: [...bases.values()], wishClasses: [...wishClasses.values()], excludedFromAll, classOf };
}

/** Rows built one at a time, handed to HiGHS in compressed-row form. */
class ProgramBuilder {
  readonly cost: number[] = [];
  readonly upper: number[] = [];
  readonly integer: (0 | 1)[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];

  column(cost: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  row(terms: Iterable<[number, number]>, lower: number, upper: number): void {
    for (const [column, value] of terms) {
      this.indices.push(column);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  model(infinity: number, costs: number[]): ModelData {
    const inf = (x: number) => (Number.isFinite(x) ? x : x > 0 ? infinity : -infinity);
    return {
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      colCost: costs,
      colLower: this.cost.map(() => 0),
      colUpper: this.upper.map(inf),
      rowLower: this.rowLower.map(inf),
      rowUpper: this.rowUpper.map(inf),
      matrix: {
        format: 'csr',
        numRows: this.rowLower.length,
        numCols: this.cost.length,
        starts: this.starts,
        indices: this.indices,
        values: this.values,
      },
      integrality: this.integer,
    };
  }
}

/**
 * The allocation with both mixing rules as an integer program, solved by HiGHS in two phases:
 * first the most members that can be placed (proven), then the least cost (travel minus
 * bonuses, whole metres) among proposals placing that many. With a time limit the best
 * proposal found is returned with its proven gap. Costs are integral, so a gap under one
 * metre is a proven optimum.
 */
export async function allocateMixed(
  input: AllocationInput,
  settings: MipSettings = {},
  municipalityOptimum?: AllocationResult,
): Promise<AllocationResult> {
  const started = performance.now();
  validate(input);
  const solver = await highs();
  const members = [...input.members].sort((a, b) => a.id - b.id);
  const seminars = [...input.seminars].sort((a, b) => a.id - b.id);
  const caps = capsOf(seminars, input);
  const { bases, wishClasses, excludedFromAll, classOf } = groupMembers(members, seminars, input, caps);

  const program = new ProgramBuilder();
  const travel: number[] = [];
  const unplacedColumns: number[] = [];
  const bySeminar = seminars.map(() => [] as number[]);
  const byMunicipality = new Map<string, number[]>();
  const byParty = new Map<string, number[]>();
  const place = (c: MemberClass, i: number, cost: number) => {
    const upper = Math.min(c.base ? c.members.length : c.reach, seminars[i].freeSeats);
    const column = program.column(cost, upper, true);
    travel.push(cost);
    c.columns.push({ seminar: i, column });
    bySeminar[i].push(column);
    const mKey = `${c.municipalityCode}|${i}`;
    byMunicipality.set(mKey, [...(byMunicipality.get(mKey) ?? []), column]);
    if (c.party !== null && input.options.maxPerParty !== undefined) {
      const pKey = `${c.party}|${i}`;
      byParty.set(pKey, [...(byParty.get(pKey) ?? []), column]);
    }
  };
  for (const wish of wishClasses) {
    for (const i of wish.seminars)
      place(wish, i, travelMetres(wish.origin, seminars[i].venue) - wish.bonuses.get(i)!);
    wish.restColumn = program.column(0, wish.members.length, false);
    travel.push(0);
  }
  for (const base of bases) {
    for (const i of base.seminars) place(base, i, travelMetres(base.origin, seminars[i].venue));
    base.restColumn = program.column(0, Infinity, false);
    travel.push(0);
    unplacedColumns.push(base.restColumn);
  }
  const ones = (columns: number[]) => columns.map((c) => [c, 1] as [number, number]);
  for (const wish of wishClasses) {
    const terms = [...ones(wish.columns.map((c) => c.column)), [wish.restColumn, 1]] as [number, number][];
    program.row(terms, wish.members.length, wish.members.length);
  }
  for (const base of bases) {
    const passed = wishClasses
      .filter((w) => w.base === base)
      .map((w) => [w.restColumn, -1] as [number, number]);
    const terms = [...ones(base.columns.map((c) => c.column)), [base.restColumn, 1], ...passed] as [
      number,
      number,
    ][];
    program.row(terms, base.members.length, base.members.length);
  }
  bySeminar.forEach(
    (columns, i) => columns.length > 0 && program.row(ones(columns), -Infinity, seminars[i].freeSeats),
  );
  for (const [key, columns] of byMunicipality) {
    const [code, i] = key.split('|').map(Number);
    program.row(ones(columns), -Infinity, caps.municipalityRoom(code, i));
  }
  for (const [key, columns] of byParty) {
    const cut = key.lastIndexOf('|');
    program.row(ones(columns), -Infinity, caps.partyRoom(key.slice(0, cut), Number(key.slice(cut + 1))));
  }
  const placeable = members.length - excludedFromAll.size;

  const deadline = started + (settings.timeLimitSeconds ?? Infinity) * 1000;
  const unplacedSet = new Set(unplacedColumns);
  const placedCost = program.cost.map((_, c) => (unplacedSet.has(c) ? 1 : 0));
  const start = municipalityOptimum
    ? startingPoint(municipalityOptimum, {
        seminars,
        caps,
        classOf,
        bases,
        wishClasses,
        columns: program.cost.length,
      })
    : null;
  const first = run(
    solver,
    program.model(solver.infinity, placedCost),
    'most_placed',
    deadline,
    settings,
    start,
  );
  const unplacedAtMost = Math.round(first.objective);
  // Second phase: at most that many unplaced, least cost, starting from the first phase's proposal.
  program.row(ones(unplacedColumns), -Infinity, unplacedAtMost);
  const second = run(
    solver,
    program.model(solver.infinity, travel),
    'least_travel',
    deadline,
    settings,
    first.values,
  );

  const value = (column: number) => Math.round(second.values[column]);
  const placedIn = new Map<number, number>();
  const hand = (pool: number[], c: MemberClass) => {
    let next = 0;
    for (const { seminar, column } of c.columns)
      for (let k = value(column); k > 0; k--) placedIn.set(pool[next++], seminar);
    return pool.slice(next);
  };
  const passedOn = new Map<MemberClass, number[]>();
  for (const wish of wishClasses) {
    const rest = hand(fairOrder(wish.members), wish);
    passedOn.set(wish.base!, [...(passedOn.get(wish.base!) ?? []), ...rest]);
  }
  for (const base of bases) hand(fairOrder([...base.members, ...(passedOn.get(base) ?? [])]), base);

  const result = summarise(members, seminars, input.options, placedIn, excludedFromAll, {
    nodes: bases.length + wishClasses.length,
    arcs: program.cost.length,
    pivots: first.nodes + second.nodes,
  });
  const costMetres = Math.round(result.totalCost * 1000);
  const boundMetres = Number.isFinite(second.bound)
    ? Math.min(costMetres, Math.ceil(second.bound - 1e-6))
    : null;
  result.optimality = {
    engine: 'mip',
    gap:
      boundMetres === null
        ? null
        : costMetres - boundMetres < 1
          ? 0
          : (costMetres - boundMetres) / Math.max(1, Math.abs(costMetres)),
    boundKm: boundMetres === null ? null : boundMetres / 1000,
    placedProven: first.optimal || result.stats.placed === placeable,
    timeLimitHit: !first.optimal || !second.optimal,
  };
  return result;
}

/**
 * A proposal keeping both rules to start from: the municipality rule's optimum, with members
 * beyond P in a seminar left out (in id order). HiGHS then always has a proposal to improve,
 * and a time limit can never leave the planner without one.
 */
function startingPoint(
  optimum: AllocationResult,
  program: {
    seminars: AllocationSeminar[];
    caps: Caps;
    classOf: Map<number, MemberClass>;
    bases: MemberClass[];
    wishClasses: MemberClass[];
    columns: number;
  },
): Float64Array {
  const values = new Float64Array(program.columns);
  const seminarIndex = new Map(program.seminars.map((s, i) => [s.id, i]));
  const inParty = new Map<string, number>();
  const placed = new Map<MemberClass, number>();
  for (const a of optimum.assignments) {
    const c = program.classOf.get(a.memberId);
    const i = seminarIndex.get(a.seminarId)!;
    if (!c) continue;
    const key = `${c.party}|${i}`;
    if ((inParty.get(key) ?? 0) >= program.caps.partyRoom(c.party, i)) continue;
    const own = c.columns.find((x) => x.seminar === i);
    const target = own ? c : c.base!;
    const column = own ?? c.base?.columns.find((x) => x.seminar === i);
    if (!column) continue;
    values[column.column]++;
    placed.set(target, (placed.get(target) ?? 0) + 1);
    inParty.set(key, (inParty.get(key) ?? 0) + 1);
  }
  const passed = new Map<MemberClass, number>();
  for (const wish of program.wishClasses) {
    values[wish.restColumn] = wish.members.length - (placed.get(wish) ?? 0);
    passed.set(wish.base!, (passed.get(wish.base!) ?? 0) + values[wish.restColumn]);
  }
  for (const base of program.bases)
    values[base.restColumn] = base.members.length + (passed.get(base) ?? 0) - (placed.get(base) ?? 0);
  return values;
}

interface PhaseResult {
  values: Float64Array;
  objective: number;
  bound: number;
  optimal: boolean;
  nodes: number;
}

function run(
  solver: Highs,
  data: ModelData,
  phase: MipProgress['phase'],
  deadline: number,
  settings: MipSettings,
  start: Float64Array | null,
): PhaseResult {
  const model = solver.createModel(data);
  try {
    const seconds = Math.max(0.01, (deadline - performance.now()) / 1000);
    model.options.set('output_flag', false);
    model.options.set('mip_rel_gap', 0);
    model.options.set('mip_abs_gap', 0.999);
    if (Number.isFinite(seconds)) model.options.set('time_limit', seconds);
    if (start && data.numCols > 0) model.setSolution({ colValue: start });
    const { callbackType } = solver.constants;
    // HiGHS calls the interrupt check often (the logging channel stays silent without output);
    // progress is passed on at most twice a second.
    let reported = 0;
    const status = model.run(
      settings.onProgress
        ? {
            [callbackType.mipInterrupt]: (event) => {
              const now = performance.now();
              if (now - reported < 500) return;
              reported = now;
              const gap = event.data.mip_gap;
              settings.onProgress!({
                phase,
                gap: gap === undefined || !Number.isFinite(gap) ? null : gap,
                seconds: event.data.running_time ?? 0,
              });
            },
          }
        : undefined,
    ).modelStatus;
    const { optimal, timeLimit, empty } = solver.constants.modelStatus;
    if (status === empty)
      return { values: new Float64Array(data.numCols), objective: 0, bound: 0, optimal: true, nodes: 0 };
    if (status !== optimal && status !== timeLimit)
      throw new Error(`allocation: HiGHS ended with status ${status}`);
    const primal = Number(model.info.get('primal_solution_status'));
    if (primal !== 2) {
      // Out of time before HiGHS took up the starting point: keep it, unproven.
      if (!start) throw new Error('allocation: HiGHS found no proposal within the time limit');
      const objective = start.reduce((sum, x, c) => sum + x * (data.colCost as number[])[c], 0);
      return { values: start, objective, bound: -Infinity, optimal: false, nodes: 0 };
    }
    return {
      values: model.getSolution().colValue,
      objective: model.getObjectiveValue(),
      bound: Number(model.info.get('mip_dual_bound')),
      optimal: status === optimal,
      nodes: Number(model.info.get('mip_node_count')),
    };
  } finally {
    model.dispose();
  }
}
