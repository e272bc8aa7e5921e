import { Cycle } from '../../cycles/cycle.entity';
import { pickCycle } from '../shell/cycle-bar.service';

/**
 * The cycle the statistics open on: the one chosen in the cycle bar, else the newest active one
 * (a cycle still being planned, e.g. a practice cycle, has nothing to count yet), else the
 * console's usual working cycle.
 */
export function statisticsCycle(newestFirst: Cycle[], chosenId: number | null): Cycle | null {
  return (
    newestFirst.find((c) => c.id === chosenId) ??
    newestFirst.find((c) => c.status === 'active') ??
    pickCycle(newestFirst, null)
  );
}

/**
 * The two cycles to compare, as codes: those asked for (`a` earlier, `b` later), else the shown
 * cycle and the one elected before it. Null when there are not two cycles.
 */
export function compareChoice(
  newestFirst: Cycle[],
  shown: Cycle | null,
  a: string | undefined,
  b: string | undefined,
): { before: string; after: string } | null {
  if (newestFirst.length < 2) return null;
  const after = b ?? shown?.code ?? newestFirst[0].code;
  const later = newestFirst.find((c) => c.code === after.toUpperCase() || String(c.id) === after);
  const earlier = later ? newestFirst.find((c) => c.electionDate < later.electionDate) : undefined;
  return { before: a ?? earlier?.code ?? newestFirst[newestFirst.length - 1].code, after };
}
