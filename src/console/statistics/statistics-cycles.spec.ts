import { Cycle } from '../../cycles/cycle.entity';
import { compareChoice, statisticsCycle } from './statistics-cycles';

const cycle = (id: number, code: string, electionDate: string, status: Cycle['status']) =>
  ({ id, code, electionDate, status }) as Cycle;

// Newest first, as CyclesService.list() gives them.
const practice = cycle(3, 'OEVE29', '2029-11-20', 'planning');
const kv25 = cycle(2, 'KV25', '2025-11-18', 'active');
const kv21 = cycle(1, 'KV21', '2021-11-16', 'closed');
const all = [practice, kv25, kv21];

describe(statisticsCycle.name, () => {
  it('opens on the newest active cycle, not on a newer one still being planned', () => {
    expect(statisticsCycle(all, null)).toBe(kv25);
  });

  it('follows the cycle chosen in the cycle bar', () => {
    expect(statisticsCycle(all, 1)).toBe(kv21);
  });

  it("falls back on the console's working cycle when none is active", () => {
    expect(statisticsCycle([practice, kv21], null)).toBe(practice);
    expect(statisticsCycle([], null)).toBeNull();
  });
});

describe(compareChoice.name, () => {
  it('compares the shown cycle with the one elected before it', () => {
    expect(compareChoice(all, kv25, undefined, undefined)).toEqual({ before: 'KV21', after: 'KV25' });
  });

  it('takes the cycles asked for', () => {
    expect(compareChoice(all, kv25, 'KV25', 'OEVE29')).toEqual({ before: 'KV25', after: 'OEVE29' });
  });

  it('needs two cycles', () => {
    expect(compareChoice([kv25], kv25, undefined, undefined)).toBeNull();
  });
});
