import { performance } from 'node:perf_hooks';
import { gatherInput } from '../src/allocation/allocation-input';
import { AllocationService } from '../src/allocation/allocation.service';
import { Transactor } from '../src/database/transactor';
import { MemberPreference } from '../src/registrations/member-preference.entity';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { createNationalCycle } from './national-cycle';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const MEMBERS = 2500;
const SEMINARS = 40;
const RUNS = 5;

/**
 * End-to-end proposal through the service: gathering from the database, solving, storing the
 * proposal; 2,500 invited members in the 98 municipalities, 40 seminars of 64 seats at the demo
 * venues, a third of the members with three ranked wishes.
 */
describe('Allocation through the service', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('measures', async () => {
    const { cycle, seminars, members, plannerId } = await createNationalCycle(t, {
      members: MEMBERS,
      seminars: SEMINARS,
    });
    const wishes = members
      .filter((_, i) => i % 3 === 0)
      .flatMap((m, i) =>
        [0, 1, 2].map((r) => ({
          cycleId: cycle.id,
          memberId: m.id,
          seminarId: seminars[(i + r * 7) % SEMINARS].id,
          rank: r + 1,
          excluded: false,
        })),
      );
    for (let i = 0; i < wishes.length; i += 200) {
      await t.dataSource.getRepository(MemberPreference).insert(wishes.slice(i, i + 200));
    }

    const service = t.app.get(AllocationService);
    const transactor = t.app.get(Transactor);
    const totals: number[] = [];
    const gathers: number[] = [];
    const solves: number[] = [];
    let last = 0;
    for (let run = 0; run <= RUNS; run++) {
      let start = performance.now();
      await transactor.run((m) => gatherInput(m, { cycleId: cycle.id, waveId: null, rebalance: false }));
      const gatherMs = performance.now() - start;
      start = performance.now();
      const { proposal } = await service.propose(
        cycle.id,
        { maxPerMunicipality: 3, preferenceBonusKm: [50, 25, 12.5] },
        null,
        'inline',
      );
      const totalMs = performance.now() - start;
      expect(proposal.summary!.placed).toBe(MEMBERS);
      if (run > 0) {
        totals.push(totalMs);
        gathers.push(gatherMs);
        solves.push(proposal.summary!.solveMs);
      }
      last = proposal.id;
    }
    const applyStart = performance.now();
    await service.apply(cycle.id, last, { kind: 'planner', staffId: plannerId });
    const applyMs = performance.now() - applyStart;

    console.log(
      `${engine}: ${MEMBERS} members × ${SEMINARS} seminars, median of ${RUNS} after a warm-up: ` +
        `propose (gather + solve + store) ${median(totals).toFixed(0)} ms ` +
        `(min ${Math.min(...totals).toFixed(0)}), gather alone ${median(gathers).toFixed(0)} ms, ` +
        `solve ${median(solves).toFixed(0)} ms; apply (${MEMBERS} seats, one transaction) ${applyMs.toFixed(0)} ms`,
    );
  });
});
