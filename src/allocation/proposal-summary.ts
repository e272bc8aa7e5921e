import { Placement } from '../registrations/seat.service';
import { CandidateMember, GatheredInput, OfferedSeminar } from './allocation-input';
import { allocateSeats, defaultMaxPerMunicipality } from './solver/allocate-seats';
import { AllocationResult, UnplacedReason } from './solver/allocation.types';

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
  capacity: number;
  /** Seats held that the proposal leaves alone. */
  seated: number;
  /** Members the proposal puts here (rebalanced members staying put included). */
  proposed: number;
  /** (seated + proposed) / capacity. */
  fillRate: number;
  municipalities: { code: number; name: string; seated: number; proposed: number }[];
}

export interface ProposalSummary {
  members: number;
  placed: number;
  unplacedCount: number;
  totalKm: number;
  averageKm: number;
  kUsed: number;
  placedAtPreference: { rank: number; members: number }[];
  longestTrips: Trip[];
  seminars: SeminarFill[];
  /** With rebalancing: members the proposal takes from one seminar to another. */
  moves: { memberId: number; name: string | null; fromSeminarId: number; toSeminarId: number }[];
  unplaced: { memberId: number; name: string | null; municipality: string; reason: string }[];
  /** Seated members the solver would have left without a seat: kept where they are. */
  keptSeats: number;
  solveMs: number;
}

export interface ProposalRequest {
  maxPerMunicipality?: number;
  preferenceBonusKm?: number[];
}

export interface SolvedProposal {
  summary: ProposalSummary;
  placements: Placement[];
}

const REASONS: Record<UnplacedReason, string> = {
  no_seat_within_limits: 'Ingen ledig plads inden for kommunegrænsen',
  all_seminars_excluded: 'Alle forløb er fravalgt',
};

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** K when the planner gives none: the default for the largest seminar offered. */
export function kFor(input: GatheredInput, request: ProposalRequest): number {
  if (request.maxPerMunicipality !== undefined) return request.maxPerMunicipality;
  return defaultMaxPerMunicipality(Math.max(0, ...input.seminars.map((s) => s.capacity)));
}

/**
 * Solves the gathered input and describes the result for review. A member who holds a seat
 * (rebalancing) is never left without one: if the optimum would do that, the member keeps
 * the current seat and the rest is solved again around it.
 */
export function solveProposal(input: GatheredInput, request: ProposalRequest): SolvedProposal {
  const started = performance.now();
  const k = kFor(input, request);
  let members = input.members;
  let seminars = input.seminars;
  const kept: CandidateMember[] = [];
  let result: AllocationResult;
  for (;;) {
    result = allocateSeats({
      members,
      seminars,
      options: { maxPerMunicipality: k, preferenceBonusKm: request.preferenceBonusKm },
    });
    const unplacedIds = new Set(result.unplaced.map((u) => u.memberId));
    const losing = members.filter((mb) => mb.seat && unplacedIds.has(mb.id));
    if (losing.length === 0) break;
    kept.push(...losing);
    members = members.filter((mb) => !losing.includes(mb));
    seminars = seminars.map((s) => keepSeats(s, losing));
  }
  const solveMs = performance.now() - started;
  return describe(input, seminars, result, k, kept.length, round(solveMs, 1));
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
  kUsed: number,
  keptSeats: number,
  solveMs: number,
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
        seminar: `${s.title} (${s.town})`,
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

  const placed = result.assignments.length;
  return {
    placements,
    summary: {
      members: input.members.length,
      placed,
      unplacedCount: result.unplaced.length,
      totalKm: round(result.totalKm, 1),
      averageKm: placed === 0 ? 0 : round(result.totalKm / placed, 1),
      kUsed,
      placedAtPreference: result.stats.placedAtPreference,
      longestTrips,
      seminars: fill,
      moves,
      unplaced: result.unplaced.map((u) => {
        const mb = memberById.get(u.memberId)!;
        return {
          memberId: u.memberId,
          name: mb.name,
          municipality: municipality(mb.municipalityCode),
          reason: REASONS[u.reason],
        };
      }),
      keptSeats,
      solveMs,
    },
  };
}

/** The summary with every member's name given by `nameOf` (null to leave names out). */
export function withMemberNames(
  summary: ProposalSummary,
  nameOf: (memberId: number) => string | null,
): ProposalSummary {
  const named = <T extends { memberId: number }>(rows: T[]) =>
    rows.map((row) => ({ ...row, name: nameOf(row.memberId) }));
  return {
    ...summary,
    longestTrips: named(summary.longestTrips),
    moves: named(summary.moves),
    unplaced: named(summary.unplaced),
  };
}

export function namedMemberIds(summary: ProposalSummary): number[] {
  return [...summary.longestTrips, ...summary.moves, ...summary.unplaced].map((row) => row.memberId);
}
