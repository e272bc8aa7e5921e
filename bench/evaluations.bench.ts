import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { EvaluationDelivery } from '../src/evaluations/evaluation-delivery';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { Registration } from '../src/registrations/registration.entity';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { defaultAnswers, RecordingEvaluationDelivery } from '../test/factories/evaluations.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { csrfOf } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';

const DAY = 24 * 3600 * 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

describe('Evaluations', () => {
  let t: TestApp;
  let baseUrl: string;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  const delivery = new RecordingEvaluationDelivery();

  beforeAll(async () => {
    t = await startTestApp({}, [[EvaluationDelivery, delivery]]);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('measures', async () => {
    const planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const members = await createMembers(t.dataSource, cycle.id, 750);
    for (let i = 0; i < 30; i++) {
      const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
        startsAt: new Date(Date.now() - 3 * DAY),
        endsAt: new Date(Date.now() - 3600_000),
        taken: 25,
      });
      await t.dataSource.getRepository(Registration).insert(
        members.slice(i * 25, i * 25 + 25).map((m) => ({
          cycleId: cycle.id,
          memberId: m.id,
          seminarId: seminar.id,
          state: 'attended' as const,
          waitlistNumber: null,
          calendarSequence: 1,
        })),
      );
    }
    const evaluations = t.app.get(EvaluationsService);

    let start = performance.now();
    const requested = await evaluations.requestForEndedSeminars();
    const sweepMs = performance.now() - start;

    const forms = [];
    for (const link of delivery.requests.slice(0, 300)) {
      const page = await request(baseUrl).get(`/evaluering/${link.token}`).expect(200);
      forms.push({ token: link.token, fields: { ...csrfOf(page.text), ...defaultAnswers(4, 9, 'Godt') } });
    }
    start = performance.now();
    const latencies = await Promise.all(
      forms.map(async ({ token, fields }) => {
        const s = performance.now();
        await request(baseUrl).post(`/evaluering/${token}`).type('form').send(fields).expect(303);
        return performance.now() - s;
      }),
    );
    const burstMs = performance.now() - start;

    start = performance.now();
    await request(baseUrl)
      .get(`/api/cycles/${cycle.id}/evaluations/results`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    const resultsMs = performance.now() - start;
    start = performance.now();
    await request(baseUrl)
      .get(`/api/cycles/${cycle.id}/evaluations/results.csv`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    const csvMs = performance.now() - start;

    start = performance.now();
    const reminded = await evaluations.sendDueReminders(new Date(Date.now() + 8 * DAY));
    const remindMs = performance.now() - start;

    console.log(
      [
        `${engine}: sweep asking 750 attendees of 30 ended seminars: ${requested} requests in ${Math.round(sweepMs)} ms`,
        `${engine}: 300 simultaneous survey submissions: ${Math.round(burstMs)} ms in all (${Math.round((300 / burstMs) * 1000)}/s), ` +
          `latency median ${Math.round(median(latencies))} ms, p95 ${Math.round(p95(latencies))} ms`,
        `${engine}: results for 30 seminars, 300 answers: JSON ${Math.round(resultsMs)} ms, CSV ${Math.round(csvMs)} ms`,
        `${engine}: ${reminded} reminders in ${Math.round(remindMs)} ms`,
      ].join('\n'),
    );
  });
});
