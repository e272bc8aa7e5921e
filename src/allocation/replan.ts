import { CandidateMember, GatheredInput, OfferedSeminar } from './allocation-input';
import { travelMetres } from './solver/allocate-seats';

/**
 * A re-plan after a change to one seminar: cancelled (capacity 0, its seats already cancelled)
 * or shrunk below the seats taken (the seminar keeps its capacity until the proposal is applied).
 */
export interface Replan {
  seminarId: number;
  /** The capacity the seminar gets; null for a cancelled seminar. */
  capacity: number | null;
}

/** A member the re-plan must move, and why, as the proposal shows it. */
export interface Displaced {
  seminarId: number;
  reason: string;
}

const formatKm = (metres: number) =>
  (metres / 1000).toLocaleString('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function why(extraMetres: number | null): string {
  if (extraMetres === null) return 'intet andet seminar har plads til medlemmet inden for reglerne';
  if (extraMetres <= 0) return 'medlemmet bor nærmere et andet seminar med plads';
  return `medlemmets nærmeste andet seminar med plads er kun ${formatKm(extraMetres)} km længere væk`;
}

/** K and P of the re-plan (null: the rule is off). */
export interface Limits {
  k: number | null;
  p: number | null;
}

/** Whether the seminar has room for the member within K and P, counting the seats held there. */
function hasRoomFor(s: OfferedSeminar, member: CandidateMember, { k, p }: Limits): boolean {
  const ofMunicipality = s.seated.find((c) => c.municipalityCode === member.municipalityCode)?.count ?? 0;
  const ofParty = s.seatedParties.find((c) => c.party === member.party)?.count ?? 0;
  return s.freeSeats > 0 && (k === null || ofMunicipality < k) && (p === null || ofParty < p);
}

/**
 * Who leaves a shrunk seminar: the `surplus` members whose nearest other seminar with room for
 * them (free seats, within K and P, one they can attend) adds the fewest km to their trip, so the move costs the least travel;
 * equal detours go to the most recently booked (the highest seat number) first. Members with no
 * such seminar go last. Pure and deterministic: the same seats give the same choice on every run.
 */
export function chooseMovers(
  seated: readonly CandidateMember[],
  seminars: readonly OfferedSeminar[],
  shrunk: OfferedSeminar,
  surplus: number,
  limits: Limits,
): Array<{ member: CandidateMember; extraMetres: number | null }> {
  const others = seminars.filter((s) => s.id !== shrunk.id);
  const ranked = seated.map((member) => {
    const here = travelMetres(member.origin, shrunk.venue);
    const alternatives = others
      .filter((s) => !(member.excluded ?? []).includes(s.id) && hasRoomFor(s, member, limits))
      .map((s) => travelMetres(member.origin, s.venue) - here);
    return { member, extraMetres: alternatives.length === 0 ? null : Math.min(...alternatives) };
  });
  ranked.sort(
    (a, b) =>
      (a.extraMetres ?? Infinity) - (b.extraMetres ?? Infinity) ||
      b.member.seat!.registrationId - a.member.seat!.registrationId,
  );
  return ranked.slice(0, Math.max(0, surplus));
}

/**
 * The input of a re-plan: only the members who must move, everyone else left where they is.
 * Cancelled: the members whose seat went with the seminar and who have none now. Shrunk: the
 * movers (chooseMovers) out of the seminar's seated members, who may not land in it again;
 * the seminar is offered full at its new capacity.
 * `input` is gathered with the seminar's seated members as candidates (scope.replan).
 */
export function replanInput(input: GatheredInput, replan: Replan, limits: Limits): GatheredInput {
  if (replan.capacity === null) {
    return {
      ...input,
      members: input.members.filter((mb) => mb.cancelledSeminar?.seminarId === replan.seminarId),
    };
  }
  const shrunk = input.seminars.find((s) => s.id === replan.seminarId)!;
  const seated = input.members.filter((mb) => mb.seat?.seminarId === shrunk.id);
  const surplus = shrunk.taken - replan.capacity;
  const movers = chooseMovers(seated, input.seminars, shrunk, surplus, limits);
  const members = movers.map(({ member, extraMetres }) => ({
    ...member,
    excluded: [...(member.excluded ?? []), shrunk.id],
    displaced: {
      seminarId: shrunk.id,
      reason: `Seminaret »${shrunk.title}« får ${replan.capacity} pladser i stedet for ${shrunk.capacity}; ${why(extraMetres)}`,
    },
  }));
  return {
    ...input,
    members,
    // Shown as it will be: full at its new capacity.
    seminars: input.seminars.map((s) =>
      s === shrunk ? { ...s, capacity: replan.capacity!, taken: replan.capacity!, freeSeats: 0 } : s,
    ),
  };
}
