import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { Transactor } from '../src/database/transactor';
import { Seminar } from '../src/planning/seminar.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { startTestApp, TestApp } from '../test/helpers/test-app';

/*
 * What wiring the e-mails into the changes costs: a mass invitation of 2,400 members with the
 * invitation e-mails rendered (time to the 202, time until the background job is done), and an
 * applied allocation of 2,400 seats in one transaction writing 2,400 confirmations with .ics
 * and 2,400 minted links.
 */
const MEMBERS = 2400;

describe('E-mails written with the changes that cause them', () => {
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
    const planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminars: Seminar[] = [];
    for (let i = 0; i < 30; i++) {
      seminars.push(
        await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 80 }),
      );
    }
    const members = await createMembers(t.dataSource, cycle.id, MEMBERS);

    const started = performance.now();
    const accepted = await request(baseUrl)
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(202);
    const acceptedMs = performance.now() - started;
    for (;;) {
      const job = await request(baseUrl)
        .get(`/api/cycles/${cycle.id}/invitations/jobs/${accepted.body.id}`)
        .auth(planner, { type: 'bearer' });
      if (job.body.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const inviteMs = performance.now() - started;
    const invitations = await t.dataSource.getRepository(OutboxMessage).countBy({ kind: 'invitation' });

    const placements = members.map((m, i) => ({
      memberId: m.id,
      seminarId: seminars[i % seminars.length].id,
      fromRegistrationId: null,
    }));
    const applyStarted = performance.now();
    await t.app
      .get(Transactor)
      .run((m) => t.app.get(SeatService).placeMany(m, cycle.id, placements, { kind: 'planner', staffId: 1 }));
    const applyMs = performance.now() - applyStarted;
    const confirmations = await t.dataSource.getRepository(OutboxMessage).countBy({ kind: 'confirmation' });

    console.log(
      [
        `${engine}: invite ${MEMBERS}: 202 after ${Math.round(acceptedMs)} ms, done after ${Math.round(inviteMs)} ms (${invitations} e-mails)`,
        `${engine}: apply ${MEMBERS} seats with ${confirmations} confirmations (.ics, minted links) in one transaction: ${Math.round(applyMs)} ms`,
      ].join('\n'),
    );
  });
});
