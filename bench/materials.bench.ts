import { performance } from 'node:perf_hooks';
import { Response } from 'supertest';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { captureIssuedLinks, submit } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';

const RUNS = 5;
const SIZE = 20 * 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function binary(res: Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A 20 MB PDF (the default limit) through upload, staff download and the member's download. */
describe('Materials', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('measures', async () => {
    const planner = await t.tokenFor('planner');
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const seminar = await createSeminar(
      t.dataSource,
      await createWave(t.dataSource, cycle.id),
      await createVenue(t.dataSource),
    );
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    const token = tokens.get(member.id)!;
    await submit(t, token, 'tilmeld', { seminarId: String(seminar.id) });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(SIZE - 9, 0x41)]);

    const upload: number[] = [];
    const staff: number[] = [];
    const mine: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let start = performance.now();
      const created = await t
        .http()
        .post(`/api/seminars/${seminar.id}/materials`)
        .auth(planner, { type: 'bearer' })
        .field('title', `Slides ${i}`)
        .field('availableFrom', new Date(Date.now() - 1000).toISOString())
        .attach('file', pdf, 'slides.pdf')
        .expect(201);
      upload.push(performance.now() - start);
      start = performance.now();
      await t
        .http()
        .get(`/api/seminars/${seminar.id}/materials/${created.body.id}/content`)
        .auth(planner, { type: 'bearer' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      staff.push(performance.now() - start);
      start = performance.now();
      await t.http().get(`/p/${token}/materialer/${created.body.id}`).buffer(true).parse(binary).expect(200);
      mine.push(performance.now() - start);
    }
    const pageStart = performance.now();
    await t.http().get(`/p/${token}`).expect(200);
    const page = performance.now() - pageStart;
    console.log(
      `${engine}: 20 MB PDF, median of ${RUNS}: upload ${median(upload).toFixed(0)} ms, ` +
        `staff download ${median(staff).toFixed(0)} ms, member download ${median(mine).toFixed(0)} ms; ` +
        `personal page with ${RUNS} materials ${page.toFixed(0)} ms`,
    );
  });
});
