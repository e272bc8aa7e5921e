import { ParticipationFigures } from './figures';

/** One group (a region, municipality or party) in two cycles. */
export interface ComparedGroup {
  name: string;
  before: ParticipationFigures;
  after: ParticipationFigures;
  /** The later cycle's coverage minus the earlier's, as a share (0.05 = 5 percentage points); null when either has none. */
  difference: number | null;
}

const NONE: ParticipationFigures = {
  newlyElected: 0,
  invited: 0,
  declined: 0,
  registered: 0,
  waitlisted: 0,
  attended: 0,
  noShows: 0,
  coverage: null,
};

/** Coverage after minus before, rounded to four decimals like the shares themselves. */
export function coverageDifference(before: ParticipationFigures, after: ParticipationFigures): number | null {
  if (before.coverage === null || after.coverage === null) return null;
  return Math.round((after.coverage - before.coverage) * 10000) / 10000;
}

/**
 * The groups of two cycles side by side, matched by `key`, in the earlier cycle's order and then
 * those only the later one has; a group missing from one cycle counts zero there.
 */
export function compareGroups<T extends ParticipationFigures>(
  before: T[],
  after: T[],
  key: (group: T) => string,
  name: (group: T) => string,
): ComparedGroup[] {
  const later = new Map(after.map((g) => [key(g), g]));
  const earlier = new Map(before.map((g) => [key(g), g]));
  const keys = [...new Set([...before.map(key), ...after.map(key)])];
  return keys.map((k) => {
    const b = earlier.get(k);
    const a = later.get(k);
    const pair = { before: b ?? NONE, after: a ?? NONE };
    return { name: name((b ?? a)!), ...pair, difference: coverageDifference(pair.before, pair.after) };
  });
}
