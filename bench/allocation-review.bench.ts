import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { AllocationService } from '../src/allocation/allocation.service';
import { signedIn } from '../test/helpers/console';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { createNationalCycle } from './national-cycle';

const MEMBERS = 2500;
const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The Fordeling pages for a 2,500-member proposal (40 seminars × 64 seats, 98 municipalities),
 * timed beside GET /health in the same run, the cases interleaved so load from elsewhere hits them alike.
 */
describe('Allocation review pages', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('measures', async () => {
    const { cycle } = await createNationalCycle(t, { members: MEMBERS, seminars: 40 });
    const service = t.app.get(AllocationService);
    const propose = async (k: number) =>
      (await service.propose(cycle.id, { maxPerMunicipality: k }, null, 'inline')).proposal;
    const k3 = await propose(3);
    const k5 = await propose(5);
    expect(k3.summary!.placed).toBe(MEMBERS);

    const planner = await signedIn(t, 'planner');
    const health = request(t.app.getHttpServer());
    const base = `/valgperioder/${cycle.id}/fordeling`;
    const cases: Array<[string, () => Promise<{ text: string }>]> = [
      ['GET /health', () => health.get('/health').expect(200)],
      [`GET ${base}/:id (review, K = 3)`, () => planner.get(`${base}/${k3.id}`).expect(200)],
      [
        `GET ${base}/sammenlign (K = 3 against K = 5)`,
        () => planner.get(`${base}/sammenlign?a=${k3.id}&b=${k5.id}`).expect(200),
      ],
      [`GET ${base} (the list)`, () => planner.get(base).expect(200)],
      [`GET ${base}/:id/kommuner.csv`, () => planner.get(`${base}/${k3.id}/kommuner.csv`).expect(200)],
    ];
    const times = cases.map(() => [] as number[]);
    const sizes = cases.map(() => 0);
    for (let run = 0; run <= RUNS; run++) {
      for (const [i, [, call]] of cases.entries()) {
        const started = performance.now();
        const res = await call();
        if (run > 0) times[i].push(performance.now() - started);
        sizes[i] = Buffer.byteLength(res.text ?? '');
      }
    }
    console.log(
      JSON.stringify(
        {
          engine,
          load: loadavg()[0].toFixed(1),
          members: MEMBERS,
          cases: cases.map(([name], i) => ({
            name,
            medianMs: median(times[i]).toFixed(1),
            minMs: Math.min(...times[i]).toFixed(1),
            kB: (sizes[i] / 1024).toFixed(0),
          })),
        },
        null,
        1,
      ),
    );
  });
});
