import { loadavg } from 'node:os';
import { allocateSeats } from '../src/allocation/solver/allocate-seats';
import { solveWithHighs, violations } from '../test/helpers/allocation-reference';
import { buildInstance, Scenario } from './allocation-instance';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const scenarios: Scenario[] = [
  {
    name: 'national: 2,500 members, 40 × 64 seats, K = 3, ⅓ with preferences',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 64,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0,
  },
  {
    name: 'capacity short: 2,500 members, 40 × 25 seats, K = 3, ⅓ with preferences',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 25,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0,
  },
  {
    name: 'with dates: as national, and 20 % exclude ~15 % of the seminars',
    members: 2500,
    seminars: 40,
    seatsPerSeminar: 64,
    maxPerMunicipality: 3,
    withPreferences: 1 / 3,
    withExclusions: 0.2,
  },
];

describe('allocation benchmark', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const input = buildInstance(scenario);
    const times: number[] = [];
    let result = allocateSeats(input);
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      result = allocateSeats(input);
      times.push(performance.now() - started);
    }
    expect(violations(input, result)).toEqual([]);
    const optimum = await solveWithHighs(input);
    const costMetres = Math.round(result.totalCost * 1000);
    const gap = (costMetres - optimum.costMetres) / Math.abs(optimum.costMetres);
    const figures = {
      scenario: scenario.name,
      solverMedianMs: median(times).toFixed(1),
      solverMinMs: Math.min(...times).toFixed(1),
      highsMs: optimum.milliseconds.toFixed(0),
      placed: `${result.stats.placed} (HiGHS ${optimum.placed})`,
      totalCostKm: `${result.totalCost} (HiGHS ${optimum.costMetres / 1000})`,
      gapPercent: (gap * 100).toFixed(4),
      totalKm: result.totalKm,
      placedAtPreference: result.stats.placedAtPreference,
      network: `${result.stats.networkNodes} nodes, ${result.stats.networkArcs} arcs`,
      pivots: result.stats.pivots,
      loadAverage: loadavg()[0].toFixed(1),
    };
    console.log(JSON.stringify(figures, null, 2));
    expect(result.stats.placed).toBe(optimum.placed);
    expect(costMetres).toBe(optimum.costMetres);
  });
});
