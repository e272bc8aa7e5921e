import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { PortalService } from '../src/portal/portal.service';
import { StatisticsService } from '../src/statistics/statistics.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { captureIssuedLinks, csrfOf, inviteAndWait } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

/** The page layer's own promises: a failure on a page is a Danish page; on the API it stays JSON. */
describe('Pages when something goes wrong', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  it('answers an unexpected error on a member page with a neutral Danish page, without the error', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    await createSeminar(
      t.dataSource,
      await createWave(t.dataSource, cycle.id),
      await createVenue(t.dataSource),
    );
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    await inviteAndWait(t.http, cycle.id, planner);
    const spy = jest
      .spyOn(t.app.get(PortalService), 'overview')
      .mockRejectedValue(new Error('SELECT secret FROM members failed'));
    try {
      const res = await t
        .http()
        .get(`/p/${tokens.get(member.id)}`)
        .expect(500);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('<html lang="da">');
      expect(res.text).toContain('Der skete en fejl hos os. Prøv igen om lidt.');
      expect(res.text).not.toContain('secret');
      expect(res.text).not.toMatch(/Error|at \w+ \(/);
    } finally {
      spy.mockRestore();
    }
  });

  it('does the same on a staff page, in the staff layout, and keeps JSON for the API', async () => {
    const spy = jest.spyOn(t.app.get(StatisticsService), 'summary').mockRejectedValue(new Error('boom'));
    try {
      const agent = request.agent(t.app.getHttpServer());
      const email = 'fejl@kl.test';
      await t.app.get(StaffService).create({
        email,
        name: 'KL',
        password: 'et-rigtig-langt-kodeord',
        role: 'kl',
      });
      const form = await agent.get('/dashboard/login').expect(200);
      await agent
        .post('/dashboard/login')
        .type('form')
        .send({ ...csrfOf(form.text), email, password: 'et-rigtig-langt-kodeord' })
        .expect(303);
      const cycle = await createCycle(t.dataSource);
      const page = await agent.get('/statistik').expect(500);
      expect(page.text).toContain('Der skete en fejl hos os. Prøv igen om lidt.');
      expect(page.text).toContain('Log af');
      expect(page.text).not.toContain('boom');

      const kl = await t.tokenFor('kl');
      const api = await t
        .http()
        .get(`/api/cycles/${cycle.id}/statistics/summary`)
        .auth(kl, { type: 'bearer' })
        .expect(500);
      expect(api.body).toMatchObject({ statusCode: 500, error: 'internal_error', code: 'internal.error' });
    } finally {
      spy.mockRestore();
    }
  });
});
