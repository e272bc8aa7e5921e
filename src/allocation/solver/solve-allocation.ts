import { allocateSeats } from './allocate-seats';
import { AllocationInput, AllocationResult } from './allocation.types';
import { allocateMixed, MipSettings } from './mixed-allocation';

/**
 * The exact allocation with whichever rules the input sets. Without a party rule, or when the
 * network solver's optimum (municipality rule only, a relaxation of both rules) happens to keep
 * the party rule too, that optimum is the answer; otherwise the integer program decides.
 */
export async function solveAllocation(
  input: AllocationInput,
  settings: MipSettings = {},
): Promise<AllocationResult> {
  const flow = allocateSeats(input);
  if (input.options.maxPerParty === undefined || keepsPartyRule(input, flow)) return flow;
  return allocateMixed(input, settings, flow);
}

export function keepsPartyRule(
  { members, seminars, options }: AllocationInput,
  result: AllocationResult,
): boolean {
  if (options.maxPerParty === undefined) return true;
  const partyOf = new Map(members.map((m) => [m.id, m.party]));
  const count = new Map<string, number>();
  const placed = new Set<string>();
  for (const s of seminars)
    for (const c of s.seatedParties ?? [])
      count.set(`${c.party}|${s.id}`, (count.get(`${c.party}|${s.id}`) ?? 0) + c.count);
  for (const a of result.assignments) {
    const party = partyOf.get(a.memberId);
    if (party === undefined) continue;
    const key = `${party}|${a.seminarId}`;
    count.set(key, (count.get(key) ?? 0) + 1);
    placed.add(key);
  }
  // Seats held beyond P before the solve are not the proposal's doing.
  return [...placed].every((key) => count.get(key)! <= options.maxPerParty!);
}
