import { allocateSeats, travelMetres } from './allocate-seats';
import { AllocationInput, AllocationResult } from './allocation.types';

/**
 * Why a member sits elsewhere than the nearest seminar with free seats:
 * - own_wish: the member's ranked wish
 * - exclusion: the member cannot attend the nearest one
 * - capacity: the nearest one is full
 * - municipality_rule / party_rule: it already holds K of the municipality / P of the party
 */
export type DetourReason = 'own_wish' | 'exclusion' | 'capacity' | MixingRule;

export type MixingRule = 'municipality_rule' | 'party_rule';

export interface Detour {
  memberId: number;
  seminarId: number;
  nearestSeminarId: number;
  /** Extra km over the nearest seminar. */
  extraKm: number;
  reason: DetourReason;
}

/** The rule a group of members runs into when not all of them can be placed. */
export interface BindingRule {
  rule: 'capacity' | MixingRule;
  /** Municipality code or party key; null for capacity. */
  subject: string | null;
  /** Members of the group who could attend at least one seminar. */
  members: number;
  /** Seats the rule leaves for the group across all seminars. */
  seats: number;
}

const countKey = (a: string | number, b: number) => `${a}|${b}`;

function seatedCounts(input: AllocationInput) {
  const municipality = new Map<string, number>();
  const party = new Map<string, number>();
  for (const s of input.seminars) {
    for (const c of s.seated ?? [])
      municipality.set(
        countKey(c.municipalityCode, s.id),
        (municipality.get(countKey(c.municipalityCode, s.id)) ?? 0) + c.count,
      );
    for (const c of s.seatedParties ?? [])
      party.set(countKey(c.party, s.id), (party.get(countKey(c.party, s.id)) ?? 0) + c.count);
  }
  return { municipality, party };
}

/**
 * Every placed member not in the nearest seminar that had free seats before the solve, with the
 * reason, checked in the order a planner can act on: the member's own choices first, then a
 * mixing rule reached there that has a price (`costly`, see ruleEffects), then capacity, then a
 * rule reached that costs nothing. So a full seminar that also holds K of the member's
 * municipality is named for K only when K costs something. In an optimal proposal one of them
 * always holds: otherwise moving the member to the nearest seminar would lower the cost.
 */
export function explainDetours(
  input: AllocationInput,
  result: AllocationResult,
  costly: ReadonlySet<MixingRule>,
): Detour[] {
  const { options } = input;
  const seminarById = new Map(input.seminars.map((s) => [s.id, s]));
  const open = [...input.seminars].filter((s) => s.freeSeats > 0).sort((a, b) => a.id - b.id);
  const seated = seatedCounts(input);
  const placedAt = new Map<number, number>();
  const municipalityAt = new Map(seated.municipality);
  const partyAt = new Map(seated.party);
  const memberById = new Map(input.members.map((m) => [m.id, m]));
  for (const a of result.assignments) {
    const m = memberById.get(a.memberId)!;
    placedAt.set(a.seminarId, (placedAt.get(a.seminarId) ?? 0) + 1);
    municipalityAt.set(
      countKey(m.municipalityCode, a.seminarId),
      (municipalityAt.get(countKey(m.municipalityCode, a.seminarId)) ?? 0) + 1,
    );
    if (m.party !== undefined)
      partyAt.set(countKey(m.party, a.seminarId), (partyAt.get(countKey(m.party, a.seminarId)) ?? 0) + 1);
  }
  const detours: Detour[] = [];
  for (const a of result.assignments) {
    const m = memberById.get(a.memberId)!;
    let nearest = open[0];
    let nearestMetres = Infinity;
    for (const s of open) {
      const metres = travelMetres(m.origin, s.venue);
      if (metres < nearestMetres) [nearest, nearestMetres] = [s, metres];
    }
    const metres = travelMetres(m.origin, seminarById.get(a.seminarId)!.venue);
    if (metres <= nearestMetres) continue;
    const reached: MixingRule[] = [];
    if ((municipalityAt.get(countKey(m.municipalityCode, nearest.id)) ?? 0) >= options.maxPerMunicipality)
      reached.push('municipality_rule');
    if (
      m.party !== undefined &&
      options.maxPerParty !== undefined &&
      (partyAt.get(countKey(m.party, nearest.id)) ?? 0) >= options.maxPerParty
    )
      reached.push('party_rule');
    const reason: DetourReason = (m.excluded ?? []).includes(nearest.id)
      ? 'exclusion'
      : a.preferenceRank !== null
        ? 'own_wish'
        : (reached.find((r) => costly.has(r)) ??
          ((placedAt.get(nearest.id) ?? 0) >= nearest.freeSeats ? 'capacity' : (reached[0] ?? 'capacity')));
    detours.push({
      memberId: m.id,
      seminarId: a.seminarId,
      nearestSeminarId: nearest.id,
      extraKm: (metres - nearestMetres) / 1000,
      reason,
    });
  }
  return detours;
}

/**
 * The simple counting reasons why not everyone can be placed: fewer seats than members, or a
 * municipality (party) with more members than K (P) times the seminars it can use. A proposal
 * may still leave members out without any of these (the rules together bind); then none is named.
 */
export function bindingRules(input: AllocationInput): BindingRule[] {
  const { options } = input;
  const seated = seatedCounts(input);
  const open = input.seminars;
  const reachable = input.members.filter((m) => open.some((s) => !(m.excluded ?? []).includes(s.id)));
  const rules: BindingRule[] = [];
  const seats = open.reduce((n, s) => n + s.freeSeats, 0);
  if (seats < reachable.length)
    rules.push({ rule: 'capacity', subject: null, members: reachable.length, seats });
  const groups = (key: (m: (typeof reachable)[number]) => string | null) => {
    const byKey = new Map<string, typeof reachable>();
    for (const m of reachable) {
      const k = key(m);
      if (k !== null) byKey.set(k, [...(byKey.get(k) ?? []), m]);
    }
    return byKey;
  };
  const check = (
    rule: BindingRule['rule'],
    cap: number,
    counts: Map<string, number>,
    key: (m: (typeof reachable)[number]) => string | null,
  ) => {
    for (const [subject, members] of groups(key)) {
      const usable = open.filter((s) => members.some((m) => !(m.excluded ?? []).includes(s.id)));
      const room = usable.reduce(
        (n, s) => n + Math.min(s.freeSeats, Math.max(0, cap - (counts.get(countKey(subject, s.id)) ?? 0))),
        0,
      );
      // Only where the rule, not the seats themselves, is what falls short.
      const seatsThere = usable.reduce((n, s) => n + s.freeSeats, 0);
      if (room < members.length && room < seatsThere)
        rules.push({ rule, subject, members: members.length, seats: room });
    }
  };
  check('municipality_rule', options.maxPerMunicipality, seated.municipality, (m) =>
    String(m.municipalityCode),
  );
  if (options.maxPerParty !== undefined)
    check('party_rule', options.maxPerParty, seated.party, (m) => m.party ?? null);
  return rules;
}

export interface RulePrice {
  rules: 'none' | 'municipality' | 'party' | 'both';
  placed: number;
  totalKm: number;
  /** Over the proposal without mixing rules; null for that one itself. */
  extraKm: number | null;
  extraPercent: number | null;
}

/**
 * What the mixing costs: the same instance without any mixing rule, with the municipality rule
 * alone (both exact by the network solver) and with the rules of the proposal itself.
 */
export function rulePrices(
  input: AllocationInput,
  result: AllocationResult,
  municipalityRule: boolean,
): RulePrice[] {
  const unlimited = Math.max(1, ...input.seminars.map((s) => s.freeSeats));
  const solve = (k: number) =>
    allocateSeats({ ...input, options: { ...input.options, maxPerMunicipality: k, maxPerParty: undefined } });
  const none = solve(unlimited);
  const rows: { rules: RulePrice['rules']; r: AllocationResult }[] = [{ rules: 'none', r: none }];
  const partyRule = input.options.maxPerParty !== undefined;
  if (municipalityRule)
    rows.push({ rules: 'municipality', r: partyRule ? solve(input.options.maxPerMunicipality) : result });
  if (partyRule) rows.push({ rules: municipalityRule ? 'both' : 'party', r: result });
  const round = (x: number) => Math.round(x * 10) / 10;
  return rows.map(({ rules, r }) => ({
    rules,
    placed: r.stats.placed,
    totalKm: round(r.totalKm),
    extraKm: rules === 'none' ? null : round(r.totalKm - none.totalKm),
    extraPercent:
      rules === 'none' || none.totalKm === 0
        ? null
        : Math.round(((r.totalKm - none.totalKm) / none.totalKm) * 1000) / 10,
  }));
}

/** What each mixing rule does, read off the price rows: the same instance with and without it. */
export interface RuleEffects {
  /** Without these, more members would be placed. */
  seatFewer: ReadonlySet<MixingRule>;
  /** These seat fewer members, or as many at more km. */
  costly: ReadonlySet<MixingRule>;
}

export function ruleEffects(prices: readonly RulePrice[]): RuleEffects {
  const row = (rules: RulePrice['rules']) => prices.find((p) => p.rules === rules);
  const none = row('none')!;
  const pairs: [MixingRule, RulePrice | undefined, RulePrice | undefined][] = [
    ['municipality_rule', row('municipality'), none],
    ['party_rule', row('both') ?? row('party'), row('both') ? row('municipality') : none],
  ];
  const seatFewer = new Set<MixingRule>();
  const costly = new Set<MixingRule>();
  for (const [rule, withIt, without] of pairs) {
    if (!withIt || !without) continue;
    if (withIt.placed < without.placed) seatFewer.add(rule);
    if (withIt.placed < without.placed || withIt.totalKm > without.totalKm) costly.add(rule);
  }
  return { seatFewer, costly };
}
