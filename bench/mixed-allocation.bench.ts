import { loadavg } from 'node:os';
import { bindingRules, rulePrices } from '../src/allocation/solver/explain-allocation';
import { solveAllocation } from '../src/allocation/solver/solve-allocation';
import { solveWithHighs, violations } from '../test/helpers/allocation-reference';
import { buildInstance, withParties } from './allocation-instance';

const national = buildInstance({
  name: 'national',
  members: 2500,
  seminars: 40,
  seatsPerSeminar: 64,
  maxPerMunicipality: 3,
  withPreferences: 1 / 3,
  withExclusions: 0,
});

/** HiGHS on one binary variable per member × seminar, same caps, one big-M objective; capped in time. */
const REFERENCE_LIMIT_SECONDS = Number(process.env.REFERENCE_LIMIT_SECONDS ?? 900);

describe('allocation with a party rule, national instance', () => {
  it.each([8, 22])(
    '2,500 members, 12 national lists and local lists, 40 × 64 seats, K = 3, P = %i',
    async (p) => {
      const input = withParties(national, p);
      const started = performance.now();
      const result = await solveAllocation(input, { timeLimitSeconds: 600 });
      const solveMs = performance.now() - started;
      expect(violations(input, result)).toEqual([]);
      const prices = rulePrices(input, result, true);
      const binding = bindingRules(input);
      const reference = await solveWithHighs(input, REFERENCE_LIMIT_SECONDS);
      console.log(
        JSON.stringify(
          {
            p,
            solveMs: Math.round(solveMs),
            engine: result.optimality.engine,
            gapPercent: result.optimality.gap === null ? null : result.optimality.gap * 100,
            placedProven: result.optimality.placedProven,
            classes: result.stats.networkNodes,
            columns: result.stats.networkArcs,
            placed: result.stats.placed,
            costKm: result.totalCost,
            totalKm: result.totalKm,
            prices,
            binding: binding.map((b) => `${b.rule} ${b.subject}: ${b.members} members, ${b.seats} seats`),
            reference: {
              status: reference.status,
              ms: Math.round(reference.milliseconds),
              placed: reference.placed,
              costKm: reference.costMetres / 1000,
            },
            loadAverage: loadavg()[0].toFixed(1),
          },
          null,
          2,
        ),
      );
      if (reference.status === 'Optimal') {
        expect(result.stats.placed).toBe(reference.placed);
        expect(Math.round(result.totalCost * 1000)).toBe(reference.costMetres);
      }
    },
  );
});
