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
  if (extraMetres === null) return 'medlemmet kan ikke deltage i et andet forløb med ledige pladser';
  if (extraMetres <= 0) return 'medlemmet bor nærmere et andet forløb med ledige pladser';
  return `medlemmets nærmeste andet forløb med ledige pladser er kun ${formatKm(extraMetres)} km længere væk`;
}

/**
 * Who leaves a shrunk seminar: the `surplus` members whose nearest other seminar with free seats
 * (one they can attend) adds the fewest km to their trip, so the move costs the least travel;
 * equal detours go to the most recently booked (the highest seat number) first. Members with no
 * such seminar go last. Pure and deterministic: the same seats give the same choice on every run.
 */
export function chooseMovers(
  seated: readonly CandidateMember[],
  seminars: readonly OfferedSeminar[],
  shrunk: OfferedSeminar,
  surplus: number,
): Array<{ member: CandidateMember; extraMetres: number | null }> {
  const others = seminars.filter((s) => s.id !== shrunk.id && s.freeSeats > 0);
  const ranked = seated.map((member) => {
    const here = travelMetres(member.origin, shrunk.venue);
    const alternatives = others
      .filter((s) => !(member.excluded ?? []).includes(s.id))
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
 * movers (chooseMovers) out of the seminar's seated members, who may not land in it again.
 * `input` is gathered with the seminar's seated members as candidates (scope.replan).
 */
export function replanInput(input: GatheredInput, replan: Replan): GatheredInput {
  if (replan.capacity === null) {
    return {
      ...input,
      members: input.members.filter((mb) => mb.cancelledSeminar?.seminarId === replan.seminarId),
    };
  }
  const shrunk = input.seminars.find((s) => s.id === replan.seminarId)!;
  const seated = input.members.filter((mb) => mb.seat?.seminarId === shrunk.id);
  const surplus = shrunk.taken - replan.capacity;
  const movers = chooseMovers(seated, input.seminars, shrunk, surplus);
  const members = movers.map(({ member, extraMetres }) => ({
    ...member,
    excluded: [...(member.excluded ?? []), shrunk.id],
    displaced: {
      seminarId: shrunk.id,
      reason: `Forløbet »${shrunk.title}« får ${replan.capacity} pladser i stedet for ${shrunk.capacity}; ${why(extraMetres)}`,
    },
  }));
  return {
    ...input,
    members,
    seminars: input.seminars.filter((s) => s.id !== shrunk.id),
  };
}
