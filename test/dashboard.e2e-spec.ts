import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { StaffRole } from '../src/auth/roles';
import { EvaluationFigures } from '../src/statistics/evaluation-figures';
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
    const form = await agent.get('/dashboard/login').expect(200);
    await agent
      .post('/dashboard/login')
      .type('form')
      .send({ ...csrfOf(form.text), email: await account(role), password: PASSWORD })
      .expect(303)
      .expect('Location', '/dashboard/login');
    await agent.get('/dashboard/login').expect(303).expect('Location', startOf(role));
    return agent;
  }

  it('sends an anonymous visitor to the log-in page', async () => {
    for (const path of ['/dashboard', '/dashboard/seminarer', '/statistik', '/seminarer'])
      await t.http().get(path).expect(303).expect('Location', '/dashboard/login');
  });

  it('keeps the old dashboard addresses working: they lead into the console', async () => {
    const planner = await loggedIn('planner');
    await planner.get('/dashboard').expect(301).expect('Location', '/statistik');
    await planner.get('/dashboard/seminarer').expect(301).expect('Location', '/seminarer');
  });

  it('logs in with a form that needs its CSRF fields, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/dashboard/login').expect(200);
    expect(form.text).toContain('<html lang="da">');
    const email = await account('kl');

    await agent.post('/dashboard/login').type('form').send({ email, password: PASSWORD }).expect(403);
    const wrong = await agent
      .post('/dashboard/login')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: 'forkert' })
      .expect(401);
    expect(wrong.text).toContain('Forkert e-mail eller adgangskode.');
    expect(String(wrong.headers['set-cookie'] ?? '')).not.toContain('kattegat_staff=');

    const ok = await agent
      .post('/dashboard/login')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: PASSWORD })
      .expect(303);
    const cookie = (ok.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kattegat_staff='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/;/);
    expect(cookie).not.toMatch(/Secure/);

    // The cookie is the console's only: the API still wants a bearer token.
    await agent.get(`/api/cycles/${f.cycle.id}/statistics/summary`).expect(401);

    const page = await agent.get('/statistik').expect(200);
    expect(page.text).toContain(`Statistik for ${f.cycle.code}`);
  });

  it("shows the figures of the chosen cycle with tables and the charts' data", async () => {
    const agent = await loggedIn('kl');
    const page = await agent.get('/statistik').query({ cycle: f.cycle.id }).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toMatch(/<th scope="row">Region Syddanmark<\/th>\s*<td class="num">4<\/td>/);
    expect(page.text).toContain('25,0 %');
    expect(page.text).toContain('<script src="/assets/chart.umd.js" defer></script>');
    const data = JSON.parse(
      /<script type="application\/json" id="dashboard-data">(.*?)<\/script>/s.exec(page.text)![1],
    );
    const regions = data.charts.find((c: { id: string }) => c.id === 'chart-regions');
    expect(regions.labels).toHaveLength(5);
    expect(regions.datasets[0].data).toEqual([null, 0, 0.25, null, null]);
    expect(data.charts.map((c: { id: string }) => c.id)).toEqual([
      'chart-regions',
      'chart-municipalities',
      'chart-timeline',
      'chart-seminars',
    ]);
    expect(page.text).not.toContain('id="evaluation-heading"');
    // No inline script besides the JSON data block, which the CSP would block anyway.
    expect(page.text.match(/<script(?![^>]*(src=|type="application\/json"))/g)).toBeNull();
  });

  it('shows the evaluation section when the evaluation figures have results', async () => {
    const result = {
      invited: 3,
      responses: 6,
      responseRate: 0.5,
      suppressed: false,
      questions: [{ id: 'q1', type: 'scale' as const, text: 'Samlet indtryk', answered: 6, mean: 4.5 }],
    };
    const spy = jest.spyOn(t.app.get(EvaluationFigures), 'forCycle').mockResolvedValue({
      overall: result,
      seminars: [{ seminarId: f.seminars[0].id, title: 'Kolding 1', result }],
    });
    try {
      const page = await (await loggedIn('kl')).get('/statistik').query({ cycle: f.cycle.id }).expect(200);
      expect(page.text).toContain('id="evaluation-heading"');
      expect(page.text).toMatch(
        /<th scope="row">Samlet indtryk<\/th><td class="num">6<\/td><td class="num">4,50<\/td>/,
      );
      expect(page.text).toContain('id="chart-evaluation"');
      const summary = await t
        .http()
        .get(`/api/cycles/${f.cycle.id}/statistics/summary`)
        .auth(await t.tokenFor('kl'), { type: 'bearer' })
        .expect(200);
      expect(summary.body.evaluation.overall.responses).toBe(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('serves Chart.js and our script from the app itself', async () => {
    const chart = await t.http().get('/assets/chart.umd.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
    expect(chart.text).toContain('Chart.js v4');
    await t
      .http()
      .get('/assets/dashboard.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await t.http().get('/assets/console.css').expect(200).expect('Content-Type', /css/);
  });

  it('gives the seminar page to planners and admins only: 403 for kl, and municipality has no dashboard', async () => {
    const kl = await loggedIn('kl');
    const refused = await kl.get('/seminarer').expect(403);
    expect(refused.text).toContain('Ingen adgang');
    expect((await kl.get('/statistik').expect(200)).text).not.toContain('href="/seminarer"');

    const planner = await loggedIn('planner');
    const list = await planner.get('/seminarer').query({ cycle: f.cycle.id }).expect(200);
    expect(list.text).toContain('Kolding 1');
    expect(list.text).toContain('75,0 %');
    await (await loggedIn('admin')).get('/seminarer').expect(200);

    const municipality = await loggedIn('municipality');
    await municipality.get('/statistik').expect(403);
  });

  it('marks the cookie Secure when the app is reached over HTTPS', async () => {
    const secure = await startTestApp({ PUBLIC_BASE_URL: 'https://kattegat.example' });
    try {
      const email = 'sikker@kl.test';
      await secure.app.get(StaffService).create({ email, name: 'KL', password: PASSWORD, role: 'kl' });
      const agent = request.agent(secure.app.getHttpServer());
      const form = await agent.get('/dashboard/login').expect(200);
      const res = await agent
        .post('/dashboard/login')
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
    await agent.post('/dashboard/logout').type('form').send({}).expect(303);
    await agent.get('/statistik').expect(200);
    await agent.post('/dashboard/logout').type('form').send(csrfOf(page.text)).expect(303);
    await agent.get('/statistik').expect(303).expect('Location', '/dashboard/login');
  });
});
