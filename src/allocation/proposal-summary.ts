import { formatShortDanishDate } from '../common/danish-time';
import { Placement } from '../registrations/seat.service';
import { CandidateMember, GatheredInput, OfferedSeminar } from './allocation-input';
import { defaultMaxPerMunicipality } from './solver/allocate-seats';
import { AllocationInput, AllocationResult, Optimality, UnplacedReason } from './solver/allocation.types';
import {
  BindingRule,
  bindingRules,
  DetourReason,
  explainDetours,
  ruleEffects,
  RulePrice,
  rulePrices,
} from './solver/explain-allocation';
import { MipProgress } from './solver/mixed-allocation';
import { solveAllocation } from './solver/solve-allocation';

export interface Trip {
  memberId: number;
  name: string | null;
  municipality: string;
  seminarId: number;
  seminar: string;
  km: number;
}

export interface SeminarFill {
  seminarId: number;
  title: string;
  town: string;
  /** The first day, `15. januar 2026`: cloned seminars share title and town (absent in older proposals). */
  date?: string;
  capacity: number;
  /** Seats held that the proposal leaves alone. */
  seated: number;
  /** Members the proposal puts here (rebalanced members staying put included). */
  proposed: number;
  /** (seated + proposed) / capacity. */
  fillRate: number;
  municipalities: { code: number; name: string; seated: number; proposed: number }[];
}

/** `Kattegat-seminar (Nyborg, 15. januar 2026)`: title, town and first day tell seminars apart. */
export function seminarLabel(s: { title: string; town: string; date?: string }): string {
  return `${s.title} (${s.date ? `${s.town}, ${s.date}` : s.town})`;
}

export interface ProposalSummary {
  members: number;
  placed: number;
  unplacedCount: number;
  totalKm: number;
  averageKm: number;
  /** K, or null when the municipality rule is off. */
  kUsed: number | null;
  /** P, or null without a party rule. */
  pUsed: number | null;
  optimality: Omit<Optimality, 'gap'> & { gapPercent: number | null };
  /** Total km without mixing rules, with the municipality rule, with both (as the proposal). */
  rulePrices: RulePrice[];
  /** Why members could not all be placed, in Danish; empty when everyone who can attend is placed. */
  bindingRules: (BindingRule & { text: string })[];
  /** Every placed member not in the nearest seminar that had room, with the reason. */
  detours: {
    memberId: number;
    name: string | null;
    municipality: string;
    seminarId: number;
    nearestSeminarId: number;
    extraKm: number;
    reason: string;
  }[];
  placedAtPreference: { rank: number; members: number }[];
  longestTrips: Trip[];
  seminars: SeminarFill[];
  /** Members who lost their seat when a seminar was cancelled or must leave a shrunk one, where the proposal puts them and why. */
  replanned: {
    memberId: number;
    name: string | null;
    fromSeminarId: number;
    toSeminarId: number | null;
    reason: string;
  }[];
  /** With rebalancing: members the proposal takes from one seminar to another. */
  moves: { memberId: number; name: string | null; fromSeminarId: number; toSeminarId: number }[];
  unplaced: { memberId: number; name: string | null; municipality: string; reason: string }[];
  /** Seated members the solver would have left without a seat: kept where they are. */
  keptSeats: number;
  solveMs: number;
}

export interface ProposalRequest {
  maxPerMunicipality?: number;
  /** Default on; off: no limit per municipality. */
  municipalityRule?: boolean;
  maxPerParty?: number;
  /** On with maxPerParty; on without it: the default P for the seminars' capacity. */
  partyRule?: boolean;
  preferenceBonusKm?: number[];
}

export interface SolveSettings {
  timeLimitSeconds?: number;
  onProgress?: (progress: MipProgress) => void;
}

export interface SolvedProposal {
  summary: ProposalSummary;
  placements: Placement[];
}

const REASONS: Record<UnplacedReason, string> = {
  no_seat_within_limits: 'Ingen ledig plads inden for reglerne',
  all_seminars_excluded: 'Alle seminarer er fravalgt',
};

const UNPLACED_BY_RULE: Record<BindingRule['rule'], string> = {
  capacity: 'Der er ikke pladser nok til alle',
  municipality_rule: 'Ingen ledig plads inden for kommunegrænsen',
  party_rule: 'Ingen ledig plads inden for partigrænsen',
};

const DETOURS: Record<DetourReason, string> = {
  own_wish: 'Medlemmets eget ønske',
  exclusion: 'Medlemmet kan ikke deltage i det nærmeste seminar',
  capacity: 'Det nærmeste seminar er fuldt',
  municipality_rule: 'Kommunegrænsen er nået i det nærmeste seminar',
  party_rule: 'Partigrænsen er nået i det nærmeste seminar',
};

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** K when the planner gives none: the default for the largest seminar offered; null when the rule is off. */
export function kFor(input: GatheredInput, request: ProposalRequest): number | null {
  if (request.municipalityRule === false) return null;
  if (request.maxPerMunicipality !== undefined) return request.maxPerMunicipality;
  return defaultMaxPerMunicipality(Math.max(0, ...input.seminars.map((s) => s.capacity)));
}

/**
 * Default P: a third of the largest seminar, rounded up, so that a seminar holds at least three
 * parties (the largest national party has had about 30 % of the council seats).
 */
export function defaultMaxPerParty(capacity: number): number {
  return Math.max(1, Math.ceil(capacity / 3));
}

/** P as asked for, the default when the party rule is asked for without one, else null. */
export function pFor(input: GatheredInput, request: ProposalRequest): number | null {
  if (request.partyRule === false) return null;
  if (request.maxPerParty !== undefined) return request.maxPerParty;
  if (!request.partyRule) return null;
  return defaultMaxPerParty(Math.max(0, ...input.seminars.map((s) => s.capacity)));
}

/**
 * Solves the gathered input and describes the result for review. A member who holds a seat
 * (rebalancing) is never left without one: if the optimum would do that, the member keeps
 * the current seat and the rest is solved again around it.
 */
export async function solveProposal(
  input: GatheredInput,
  request: ProposalRequest,
  settings: SolveSettings = {},
): Promise<SolvedProposal> {
  const started = performance.now();
  const k = kFor(input, request);
  const p = pFor(input, request);
  const options = {
    // Off: a limit no seminar can reach.
    maxPerMunicipality: k ?? Math.max(1, ...input.seminars.map((s) => s.capacity)),
    maxPerParty: p ?? undefined,
    preferenceBonusKm: request.preferenceBonusKm,
  };
  let members = input.members;
  let seminars = input.seminars;
  const kept: CandidateMember[] = [];
  let result: AllocationResult;
  for (;;) {
    result = await solveAllocation({ members, seminars, options }, settings);
    const unplacedIds = new Set(result.unplaced.map((u) => u.memberId));
    // A member moved out of a shrunk seminar cannot keep that seat: left unplaced, the proposal says so.
    const losing = members.filter((mb) => mb.seat && !mb.displaced && unplacedIds.has(mb.id));
    if (losing.length === 0) break;
    kept.push(...losing);
    members = members.filter((mb) => !losing.includes(mb));
    seminars = seminars.map((s) => keepSeats(s, losing));
  }
  const solved: AllocationInput = { members, seminars, options };
  const prices = rulePrices(solved, result, k !== null);
  const effects = ruleEffects(prices);
  const explained = {
    prices,
    // A rule is named for members left out only where lifting it would place more of them.
    binding: result.unplaced.some((u) => u.reason === 'no_seat_within_limits')
      ? bindingRules(solved).filter((b) => b.rule === 'capacity' || effects.seatFewer.has(b.rule))
      : [],
    detours: explainDetours(solved, result, effects.costly),
  };
  const solveMs = performance.now() - started;
  return describe(input, seminars, result, {
    k,
    p,
    kept: kept.length,
    solveMs: round(solveMs, 1),
    ...explained,
  });
}

interface Described {
  k: number | null;
  p: number | null;
  kept: number;
  solveMs: number;
  prices: RulePrice[];
  binding: BindingRule[];
  detours: ReturnType<typeof explainDetours>;
}

function bindingText(rule: BindingRule, input: GatheredInput, described: Described): string {
  if (rule.rule === 'capacity') return `Der er ${rule.seats} ledige pladser til ${rule.members} medlemmer.`;
  const limit =
    rule.rule === 'municipality_rule'
      ? `kommunegrænsen K = ${described.k}`
      : `partigrænsen P = ${described.p}`;
  const who =
    rule.rule === 'municipality_rule'
      ? (input.municipalityNames.get(Number(rule.subject)) ?? rule.subject)
      : (input.partyNames.get(rule.subject!) ?? rule.subject);
  return `${who} har ${rule.members} medlemmer, men ${limit} giver højst ${rule.seats} pladser i de seminarer, de kan deltage i.`;
}

function keepSeats(seminar: OfferedSeminar, keeping: CandidateMember[]): OfferedSeminar {
  const here = keeping.filter((mb) => mb.seat!.seminarId === seminar.id);
  if (here.length === 0) return seminar;
  const seated = new Map(seminar.seated.map((s) => [s.municipalityCode, s.count]));
  for (const mb of here) seated.set(mb.municipalityCode, (seated.get(mb.municipalityCode) ?? 0) + 1);
  return {
    ...seminar,
    freeSeats: seminar.freeSeats - here.length,
    seated: [...seated].map(([municipalityCode, count]) => ({ municipalityCode, count })),
  };
}

function describe(
  input: GatheredInput,
  seminars: OfferedSeminar[],
  result: AllocationResult,
  described: Described,
): SolvedProposal {
  const memberById = new Map(input.members.map((mb) => [mb.id, mb]));
  const seminarById = new Map(seminars.map((s) => [s.id, s]));
  const municipality = (code: number) => input.municipalityNames.get(code) ?? String(code);

  const placements: Placement[] = [];
  const moves: ProposalSummary['moves'] = [];
  for (const a of result.assignments) {
    const mb = memberById.get(a.memberId)!;
    if (mb.seat?.seminarId === a.seminarId) continue;
    placements.push({
      memberId: a.memberId,
      seminarId: a.seminarId,
      fromRegistrationId: mb.seat?.registrationId ?? null,
    });
    if (mb.seat)
      moves.push({
        memberId: mb.id,
        name: mb.name,
        fromSeminarId: mb.seat.seminarId,
        toSeminarId: a.seminarId,
      });
  }

  const longestTrips = [...result.assignments]
    .sort((a, b) => b.km - a.km || a.memberId - b.memberId)
    .slice(0, 10)
    .map((a) => {
      const mb = memberById.get(a.memberId)!;
      const s = seminarById.get(a.seminarId)!;
      return {
        memberId: a.memberId,
        name: mb.name,
        municipality: municipality(mb.municipalityCode),
        seminarId: s.id,
        seminar: seminarLabel({ ...s, date: formatShortDanishDate(s.startsAt) }),
        km: round(a.km, 1),
      };
    });

  const fill: SeminarFill[] = seminars.map((s) => {
    const mine = result.assignments.filter((a) => a.seminarId === s.id);
    const proposedBy = new Map<number, number>();
    for (const a of mine) {
      const code = memberById.get(a.memberId)!.municipalityCode;
      proposedBy.set(code, (proposedBy.get(code) ?? 0) + 1);
    }
    const seatedBy = new Map(s.seated.map((x) => [x.municipalityCode, x.count]));
    const seated = s.capacity - s.freeSeats;
    const codes = [...new Set([...seatedBy.keys(), ...proposedBy.keys()])].sort((a, b) => a - b);
    return {
      seminarId: s.id,
      title: s.title,
      town: s.town,
      date: formatShortDanishDate(s.startsAt),
      capacity: s.capacity,
      seated,
      proposed: mine.length,
      fillRate: s.capacity === 0 ? 0 : round((seated + mine.length) / s.capacity, 3),
      municipalities: codes.map((code) => ({
        code,
        name: municipality(code),
        seated: seatedBy.get(code) ?? 0,
        proposed: proposedBy.get(code) ?? 0,
      })),
    };
  });

  const seminarOf = new Map(result.assignments.map((a) => [a.memberId, a.seminarId]));
  const replanned = input.members.flatMap((mb) => {
    const why = mb.displaced ?? cancelledReason(mb);
    return why
      ? [
          {
            memberId: mb.id,
            name: mb.name,
            fromSeminarId: why.seminarId,
            toSeminarId: seminarOf.get(mb.id) ?? null,
            reason: why.reason,
          },
        ]
      : [];
  });
  const placed = result.assignments.length;
  const ruleFor = (mb: CandidateMember) =>
    described.binding.find(
      (b) =>
        (b.rule === 'party_rule' && b.subject === mb.party) ||
        (b.rule === 'municipality_rule' && b.subject === String(mb.municipalityCode)),
    ) ?? described.binding.find((b) => b.rule === 'capacity');
  const { gap, ...optimality } = result.optimality;
  return {
    placements,
    summary: {
      members: input.members.length,
      placed,
      unplacedCount: result.unplaced.length,
      totalKm: round(result.totalKm, 1),
      averageKm: placed === 0 ? 0 : round(result.totalKm / placed, 1),
      kUsed: described.k,
      pUsed: described.p,
      optimality: { ...optimality, gapPercent: gap === null ? null : round(gap * 100, 4) },
      rulePrices: described.prices,
      bindingRules: described.binding.map((b) => ({ ...b, text: bindingText(b, input, described) })),
      detours: described.detours.map((d) => {
        const mb = memberById.get(d.memberId)!;
        return {
          memberId: d.memberId,
          name: mb.name,
          municipality: municipality(mb.municipalityCode),
          seminarId: d.seminarId,
          nearestSeminarId: d.nearestSeminarId,
          extraKm: round(d.extraKm, 1),
          reason: DETOURS[d.reason],
        };
      }),
      placedAtPreference: result.stats.placedAtPreference,
      longestTrips,
      seminars: fill,
      replanned,
      moves,
      unplaced: result.unplaced.map((u) => {
        const mb = memberById.get(u.memberId)!;
        const rule = u.reason === 'no_seat_within_limits' ? ruleFor(mb) : undefined;
        return {
          memberId: u.memberId,
          name: mb.name,
          municipality: municipality(mb.municipalityCode),
          reason: rule ? UNPLACED_BY_RULE[rule.rule] : REASONS[u.reason],
        };
      }),
      keptSeats: described.kept,
      solveMs: described.solveMs,
    },
  };
}

function cancelledReason({ cancelledSeminar }: CandidateMember) {
  return cancelledSeminar
    ? { seminarId: cancelledSeminar.seminarId, reason: `Seminaret »${cancelledSeminar.title}« er aflyst` }
    : null;
}

/** The summary with every member's name given by `nameOf` (null to leave names out). */
export function withMemberNames(
  summary: ProposalSummary,
  nameOf: (memberId: number) => string | null,
): ProposalSummary {
  // Proposals stored before detours and re-plans were reported have neither.
  const named = <T extends { memberId: number }>(rows: T[] | undefined) =>
    (rows ?? []).map((row) => ({ ...row, name: nameOf(row.memberId) }));
  return {
    ...summary,
    longestTrips: named(summary.longestTrips),
    detours: named(summary.detours),
    replanned: named(summary.replanned),
    moves: named(summary.moves),
    unplaced: named(summary.unplaced),
  };
}

export function namedMemberIds(summary: ProposalSummary): number[] {
  return [
    ...summary.longestTrips,
    ...(summary.detours ?? []),
    ...(summary.replanned ?? []),
    ...summary.moves,
    ...summary.unplaced,
  ].map((row) => row.memberId);
}
