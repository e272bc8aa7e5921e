import fc from 'fast-check';
import { instance } from '../../../test/helpers/allocation-instances';
import { solveWithHighs, violations } from '../../../test/helpers/allocation-reference';
import { allocateSeats } from './allocate-seats';

describe(`${allocateSeats.name} against an LP solver`, () => {
  it.each([
    { runs: 300, size: { members: 30, municipalities: 5, seminars: 6, seats: 8 } },
    { runs: 25, size: { members: 200, municipalities: 12, seminars: 12, seats: 30 } },
    { runs: 100, size: { members: 60, municipalities: 6, seminars: 8, seats: 12, ties: true } },
  ])(
    'places as many members as HiGHS, at the same minimal cost, within every rule, whatever the input order ($runs instances up to $size.members members)',
    async ({ runs, size }) => {
      await fc.assert(
        fc.asyncProperty(instance(size), async (input) => {
          const result = allocateSeats(input);
          expect(violations(input, result)).toEqual([]);
          const optimum = await solveWithHighs(input);
          expect(result.stats.placed).toBe(optimum.placed);
          expect(Math.round(result.totalCost * 1000)).toBe(optimum.costMetres);
          const shuffled = {
            ...input,
            members: [...input.members].reverse(),
            seminars: [...input.seminars].reverse(),
          };
          expect(allocateSeats(shuffled)).toEqual(result);
        }),
        { numRuns: runs },
      );
    },
  );
});
