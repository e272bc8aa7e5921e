import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { StaffRole } from '../src/auth/roles';
import { statisticsFixture, StatisticsFixture } from './factories/statistics.factory';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

const PASSWORD = 'et-rigtig-langt-kodeord';
const startOf = (role: StaffRole) =>
  ({ admin: '/oversigt', planner: '/oversigt', kl: '/statistik', municipality: '/min-kommune' })[role];

describe('Dashboard pages', () => {
  let t: TestApp;
  let f: StatisticsFixture;
  let accounts = 0;

  beforeAll(async () => {
    t = await startTestApp();
    f = await statisticsFixture(t.dataSource);
  });
  afterAll(() => t.close());

  async function account(role: StaffRole): Promise<string> {
    const email = `dash-${role}-${++accounts}@test.kattegat.dk`;
    await t.app.get(StaffService).create({
      email,
      name: 'Test',
      password: PASSWORD,
      role,
      municipalityCode: role === 'municipality' ? 461 : undefined,
    });
    return email;
  }

  /** A browser-like client logged in through the form. */
  async function loggedIn(role: StaffRole) {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/log-ind').expect(200);
    await agent
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email: await account(role), password: PASSWORD })
      .expect(303)
      .expect('Location', startOf(role));
    return agent;
  }

  it('sends an anonymous visitor to the log-in page', async () => {
    for (const path of ['/dashboard', '/dashboard/seminarer', '/statistik', '/statistik/seminarer'])
      await t.http().get(path).expect(303).expect('Location', '/log-ind');
  });

  it('keeps the old dashboard addresses working: they lead into the console', async () => {
    const planner = await loggedIn('planner');
    await planner.get('/dashboard').expect(301).expect('Location', '/statistik');
    await planner.get('/dashboard/seminarer').expect(301).expect('Location', '/statistik/seminarer');
  });

  it('logs in with a form that needs its CSRF fields, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/log-ind').expect(200);
    expect(form.text).toContain('<html lang="da">');
    const email = await account('kl');

    await agent.post('/log-ind').type('form').send({ email, password: PASSWORD }).expect(403);
    const wrong = await agent
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: 'forkert' })
      .expect(401);
    expect(wrong.text).toContain('Forkert e-mail eller adgangskode.');
    expect(String(wrong.headers['set-cookie'] ?? '')).not.toContain('kattegat_staff=');

    const ok = await agent
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: PASSWORD })
      .expect(303);
    const cookie = (ok.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kattegat_staff='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/;/);
    expect(cookie).not.toMatch(/Secure/);

    // The cookie is the console's only: the API still wants a bearer token.
    await agent.get(`/api/cycles/${f.cycle.id}/statistics/summary`).expect(401);

    const page = await agent.get('/statistik').expect(200);
    expect(page.text).toContain(`Statistik for ${f.cycle.code}`);
  });

  it('serves Chart.js and the console stylesheet from the app itself', async () => {
    const chart = await t.http().get('/assets/chart.umd.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
    expect(chart.text).toContain('Chart.js v4');
    await t.http().get('/assets/console.css').expect(200).expect('Content-Type', /css/);
  });

  it('marks the cookie Secure when the app is reached over HTTPS', async () => {
    const secure = await startTestApp({ PUBLIC_BASE_URL: 'https://kattegat.example' });
    try {
      const email = 'sikker@kl.test';
      await secure.app.get(StaffService).create({ email, name: 'KL', password: PASSWORD, role: 'kl' });
      const agent = request.agent(secure.app.getHttpServer());
      const form = await agent.get('/log-ind').expect(200);
      const res = await agent
        .post('/log-ind')
        .set('Cookie', String(form.headers['set-cookie']).split(';')[0])
        .type('form')
        .send({ ...csrfOf(form.text), email, password: PASSWORD })
        .expect(303);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('kattegat_staff='),
      );
      expect(cookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('logs out with a CSRF-protected form', async () => {
    const agent = await loggedIn('kl');
    const page = await agent.get('/statistik').expect(200);
    // A forged form changes nothing.
    await agent.post('/log-ud').type('form').send({}).expect(303);
    await agent.get('/statistik').expect(200);
    await agent
      .post('/log-ud')
      .type('form')
      .send(csrfOf(page.text.slice(page.text.indexOf('action="/log-ud"'))))
      .expect(303);
    await agent.get('/statistik').expect(303).expect('Location', '/log-ind');
  });
});
