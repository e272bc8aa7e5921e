import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { CyclesService } from '../src/cycles/cycles.service';
import { csrfOf } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { countryRows, csvFile, TOTAL } from './country-file';

/**
 * The import through the pages with a 2,500-row file: upload, the check in the background, the
 * report page and the commit, each beside GET /health in the same run. /health answered while the
 * file is checked and written shows whether the work leaves the event loop free.
 * `npm run bench -- bench/import-pages.bench.ts` (SQLite), with DATABASE_URL for PostgreSQL.
 */
const PASSWORD = 'et-rigtig-langt-kodeord';
const RUNS = 10;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values: number[]) => Math.max(...values);
const ms = (value: number) => `${value.toFixed(0)} ms`;

describe('Import pages benchmark (issue 14)', () => {
  let t: TestApp;
  let agent: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app
      .get(StaffService)
      .create({ email: 'planner@bench.test', name: 'Bench', password: PASSWORD, role: 'planner' });
    agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/dashboard/login').expect(200);
    await agent
      .post('/dashboard/login')
      .type('form')
      .send({ ...csrfOf(form.text), email: 'planner@bench.test', password: PASSWORD })
      .expect(303);
  });
  afterAll(() => t.close());

  const timed = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const health = () => timed(() => agent.get('/health').expect(200));

  /** Asks /health again and again until `done` says so; the latencies seen meanwhile. */
  async function healthUntil(
    done: () => Promise<boolean>,
  ): Promise<{ latencies: number[]; wall: number; loopMax: number }> {
    const latencies: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    while (!(await done())) latencies.push(await health());
    loop.disable();
    return { latencies, wall: performance.now() - start, loopMax: loop.max / 1e6 };
  }

  const status = async (jobId: number) =>
    (await t.dataSource.query(`SELECT status FROM import_jobs WHERE id = ${jobId}`))[0].status as string;

  it('uploads, checks, shows and commits a 2,500-row file', async () => {
    const cycle = await t.app.get(CyclesService).create({
      code: 'BENCH',
      name: 'Benchmark',
      electionDate: '2025-11-18',
      termStart: '2026-01-01',
    });
    const base = `/valgperioder/${cycle.id}/import`;
    const file = csvFile(countryRows());
    const idle = [];
    for (let i = 0; i < RUNS; i++) idle.push(await health());

    const form = await agent.get(base).expect(200);
    let uploaded!: request.Response;
    const upload = await timed(async () => {
      uploaded = await agent
        .post(base)
        .field('nonce', csrfOf(form.text).nonce)
        .field('mac', csrfOf(form.text).mac)
        .attach('filer', file, 'hele-landet.csv')
        .expect(303);
    });
    const [job] = await t.dataSource.query(`SELECT id FROM import_jobs ORDER BY id DESC LIMIT 1`);
    const check = await healthUntil(async () => (await status(job.id)) === 'checked');

    const reportPath = `${base}/filer/${job.id}?vis=alle`;
    const report: number[] = [];
    const beside: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      report.push(await timed(() => agent.get(reportPath).expect(200)));
      beside.push(await health());
    }
    const lastPage = await timed(() => agent.get(`${reportPath}&side=25`).expect(200));
    const batch = await timed(() => agent.get(uploaded.headers.location).expect(200));
    const html = (await agent.get(reportPath)).text;
    expect(html).toContain(`Oprettes (${TOTAL})`);

    const page = await agent.get(`${base}/filer/${job.id}`).expect(200);
    const commitStart = performance.now();
    await agent
      .post(`${base}/filer/${job.id}`)
      .type('form')
      .send({ ...csrfOf(page.text), handling: 'indlaes' })
      .expect(303);
    const commit = await healthUntil(async () => (await status(job.id)) === 'committed');
    const committedAfter = performance.now() - commitStart;
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${cycle.id}`,
    );
    expect(Number(n)).toBe(TOTAL);

    console.log(
      [
        `engine: ${t.database.engine}, ${TOTAL} rows, ${(file.length / 1024).toFixed(0)} KB`,
        `GET /health idle: median ${ms(median(idle))}`,
        `upload (POST, 303): ${ms(upload)}`,
        `check in the background: ${ms(check.wall)}; /health meanwhile ${check.latencies.length}× median ${ms(median(check.latencies))}, max ${ms(max(check.latencies))}; longest event-loop stall ${ms(check.loopMax)}`,
        `report page (first 100 of 2,500 rows): median ${ms(median(report))}, max ${ms(max(report))}; /health beside it median ${ms(median(beside))}`,
        `report page, last page: ${ms(lastPage)}; batch page: ${ms(batch)}; report page size ${(html.length / 1024).toFixed(0)} KB`,
        `commit (POST → committed): ${ms(committedAfter)}; /health meanwhile ${commit.latencies.length}× median ${ms(median(commit.latencies))}, max ${ms(max(commit.latencies))}; longest event-loop stall ${ms(commit.loopMax)}`,
      ].join('\n'),
    );
  });
});
