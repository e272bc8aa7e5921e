import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { captureIssuedLinks, csrfOf, inviteAndWait } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

describe('Seats, invitations and the personal page', () => {
  let t: TestApp;
  let baseUrl: string;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('measures', async () => {
    const tokens = captureIssuedLinks(t);
    const planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminars: Array<{ id: number }> = [];
    for (let i = 0; i < 30; i++) {
      const venue = await createVenue(t.dataSource, {
        latitude: 54.8 + (i % 10) * 0.3,
        longitude: 8.3 + i * 0.15,
      });
      seminars.push(await createSeminar(t.dataSource, wave, venue, { capacity: 25 }));
    }
    await createMembers(t.dataSource, cycle.id, 2400);

    let start = performance.now();
    const job = await inviteAndWait(() => request(baseUrl), cycle.id, planner);
    if (job.invited !== 2400) throw new Error(`Invited ${job.invited}`);
    const inviteMs = performance.now() - start;

    const links = [...tokens.values()];
    const pageMs: number[] = [];
    const forms = [];
    for (const token of links.slice(0, 300)) {
      const s = performance.now();
      const page = await request(baseUrl).get(`/p/${token}`).expect(200);
      pageMs.push(performance.now() - s);
      forms.push({ token, fields: { ...csrfOf(page.text), seminarId: String(seminars[0].id) } });
    }

    start = performance.now();
    const latencies = await Promise.all(
      forms.map(async ({ token, fields }) => {
        const s = performance.now();
        await request(baseUrl).post(`/p/${token}/tilmeld`).type('form').send(fields).expect(303);
        return performance.now() - s;
      }),
    );
    const burstMs = performance.now() - start;

    // One more booking, alone, with every statement it sends counted (the guard's and the transaction's).
    const [lastToken] = links.slice(300, 301);
    const lastPage = await request(baseUrl).get(`/p/${lastToken}`).expect(200);
    const statements = await countStatements(t.dataSource, () =>
      request(baseUrl)
        .post(`/p/${lastToken}/tilmeld`)
        .type('form')
        .send({ ...csrfOf(lastPage.text), seminarId: String(seminars[0].id) })
        .expect(303),
    );

    const lines = [
      `${engine}: invite 2400 members (background job, 200 per transaction, e-mails stubbed): ${Math.round(inviteMs)} ms`,
      `${engine}: personal page with 30 seminars: median ${median(pageMs).toFixed(1)} ms, p95 ${p95(pageMs).toFixed(1)} ms`,
      `${engine}: 300 simultaneous registrations for 25 seats: ${Math.round(burstMs)} ms in all ` +
        `(${Math.round((300 / burstMs) * 1000)}/s), latency median ${Math.round(median(latencies))} ms, p95 ${Math.round(p95(latencies))} ms`,
      `${engine}: one booking (to the waiting list) sends ${statements.length} statements: ${statements.join(' | ')}`,
    ];
    console.log(lines.join('\n'));
  });
});

/** The SQL `work` sends through TypeORM, each statement shortened to its first words. */
async function countStatements(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const counter: EntitySubscriberInterface = {
    beforeQuery: ({ query }) => void seen.push(query.replace(/\s+/g, ' ').slice(0, 60)),
  };
  dataSource.subscribers.push(counter);
  try {
    await work();
  } finally {
    dataSource.subscribers.splice(dataSource.subscribers.indexOf(counter), 1);
  }
  return seen;
}
