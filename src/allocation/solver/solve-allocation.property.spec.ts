import fc from 'fast-check';
import { partyInstance } from '../../../test/helpers/allocation-instances';
import { detourReasonHolds, solveWithHighs, violations } from '../../../test/helpers/allocation-reference';
import { explainDetours, ruleEffects, rulePrices } from './explain-allocation';
import { solveAllocation } from './solve-allocation';

describe(`${solveAllocation.name} with a party rule, against HiGHS on one variable per member × seminar`, () => {
  it.each([
    { runs: 150, size: { members: 30, municipalities: 5, seminars: 6, seats: 8, parties: 3 } },
    { runs: 40, size: { members: 60, municipalities: 6, seminars: 8, seats: 12, parties: 4, ties: true } },
    { runs: 12, size: { members: 150, municipalities: 10, seminars: 10, seats: 25, parties: 5 } },
  ])(
    'places as many, at the same minimal cost, within every rule, with a proven gap of 0 and a true reason for every detour ($runs instances up to $size.members members)',
    async ({ runs, size }) => {
      const engines = { flow: 0, mip: 0 };
      await fc.assert(
        fc.asyncProperty(partyInstance(size), async (input) => {
          const result = await solveAllocation(input);
          engines[result.optimality.engine]++;
          expect(violations(input, result)).toEqual([]);
          const optimum = await solveWithHighs(input);
          expect(result.stats.placed).toBe(optimum.placed);
          expect(Math.round(result.totalCost * 1000)).toBe(optimum.costMetres);
          expect(result.optimality).toMatchObject({ gap: 0, placedProven: true, timeLimitHit: false });
          const costly = ruleEffects(rulePrices(input, result, true)).costly;
          const untrue = explainDetours(input, result, costly).filter(
            (d) => !detourReasonHolds(input, result, d),
          );
          expect(untrue).toEqual([]);
          const shuffled = {
            ...input,
            members: [...input.members].reverse(),
            seminars: [...input.seminars].reverse(),
          };
          expect({ ...(await solveAllocation(shuffled)), optimality: null }).toEqual({
            ...result,
            optimality: null,
          });
        }),
        { numRuns: runs },
      );
      // The party rule must bind often enough for the integer program to be what is tested.
      expect(engines.mip).toBeGreaterThan(runs / 16);
    },
  );
});
