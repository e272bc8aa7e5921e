import { generate } from 'otplib';
import request from 'supertest';
import { StaffRole } from '../src/auth/roles';
import { SessionsService } from '../src/auth/sessions.service';
import { StaffService } from '../src/auth/staff.service';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

const PASSWORD = 'et-rigtig-langt-kodeord';

/** The code an authenticator app shows `steps` periods from now. */
const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe('Two-factor sign-in (REQUIRE_2FA on)', () => {
  let t: TestApp;
  let admin: string;
  let accounts = 0;

  beforeAll(async () => {
    t = await startTestApp({ REQUIRE_2FA: 'true' });
    // The first admin has to set the app up too; here it signs in the way an admin would.
    const email = await account('admin');
    admin = (await enrolInConsole(email)).apiToken!;
  });
  afterAll(() => t.close());

  async function account(role: StaffRole) {
    const email = `totp-${role}-${++accounts}@test.kattegat.dk`;
    await t.app.get(StaffService).create({ email, name: 'Test', password: PASSWORD, role });
    return email;
  }

  async function passwordStep(email: string) {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/log-ind').expect(200);
    const res = await agent
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: PASSWORD })
      .expect(303);
    return { agent, location: res.headers.location as string, res };
  }

  /** Signs in at the console and sets the app up; the secret, the recovery codes and an API token. */
  async function enrolInConsole(email: string, apiToo = true) {
    const { agent, location } = await passwordStep(email);
    expect(location).toBe('/log-ind/totrinsbekraeftelse');
    const setup = await agent.get(location).expect(200);
    const secret = /<code class="console-secret">([A-Z2-7]+)<\/code>/.exec(setup.text)![1];
    const done = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(setup.text), code: await codeAt(secret) })
      .expect(200);
    const codes = [...done.text.matchAll(/<li><code>([a-z2-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    if (!apiToo) return { agent, secret, codes, apiToken: null };
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: PASSWORD, totp: await codeAt(secret, 1) })
      .expect(200);
    return { agent, secret, codes, apiToken: login.body.accessToken as string };
  }

  it('a planner without the app set up is sent to set it up, and the API refuses until then', async () => {
    const email = await account('planner');
    const api = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(403);
    expect(api.body.code).toBe('auth.second_factor_enrolment_required');

    const { agent, location, res } = await passwordStep(email);
    expect(location).toBe('/log-ind/totrinsbekraeftelse');
    expect(String(res.headers['set-cookie'])).not.toContain('kattegat_staff=');
    // Half signed in is not signed in.
    await agent.get('/oversigt').expect(303).expect('Location', '/log-ind');

    const setup = await agent.get(location).expect(200);
    expect(setup.text).toContain('Sæt totrinsbekræftelse op');
    expect(setup.text).toMatch(
      /<img class="console-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*"/,
    );
    const secret = /<code class="console-secret">([A-Z2-7]+)<\/code>/.exec(setup.text)![1];
    // A reload shows the same secret, so a code from an app that scanned the first page works.
    expect((await agent.get(location).expect(200)).text).toContain(secret);

    const wrong = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(setup.text), code: '000000' === (await codeAt(secret)) ? '111111' : '000000' })
      .expect(400);
    expect(wrong.text).toContain('Koden er forkert eller for gammel.');
    expect(wrong.text).toContain('aria-invalid="true"');

    const done = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(setup.text), code: await codeAt(secret) })
      .expect(200);
    expect(done.text).toContain('de vises kun denne ene gang');
    const codes = [...done.text.matchAll(/<li><code>([a-z2-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    const stored = await t.dataSource.query('SELECT code_hash FROM staff_recovery_codes');
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    const [user] = await t.dataSource.query(`SELECT totp_secret FROM staff_users WHERE email = '${email}'`);
    expect(user.totp_secret).not.toContain(secret);

    await agent.get('/oversigt').expect(200);
  });

  it('asks for the code at every sign-in once the app is set up: console and API', async () => {
    const email = await account('planner');
    const { secret } = await enrolInConsole(email, false);

    const missing = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect(missing.body.code).toBe('auth.second_factor_required');
    const bad = await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: PASSWORD, totp: '12345' })
      .expect(401);
    expect(bad.body.code).toBe('auth.second_factor_wrong');

    const { agent, location } = await passwordStep(email);
    expect(location).toBe('/log-ind/kode');
    const form = await agent.get(location).expect(200);
    const typed = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(form.text), code: '99 99 99' });
    expect(typed.status).toBe(401);
    expect(typed.text).toContain('value="99 99 99"');
    const code = await codeAt(secret, 1);
    const ok = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(form.text), code })
      .expect(303);
    expect(ok.headers.location).toBe('/oversigt');
    await agent.get('/oversigt').expect(200);

    // The same code does not work twice.
    const replay = await t.http().post('/api/auth/login').send({ email, password: PASSWORD, totp: code });
    expect(replay.status).toBe(401);
  });

  it('a recovery code signs in once', async () => {
    const email = await account('planner');
    const { codes } = await enrolInConsole(email);
    const first = await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: PASSWORD, totp: codes[3].toUpperCase() })
      .expect(200);
    await t.http().get('/api/cycles').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
    const again = await t.http().post('/api/auth/login').send({ email, password: PASSWORD, totp: codes[3] });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('auth.second_factor_wrong');
  });

  it('a KL analyst signs in with the password alone, and may set the app up of their own accord', async () => {
    const email = await account('kl');
    const { agent, location } = await passwordStep(email);
    expect(location).toBe('/statistik');
    const setup = await agent.get('/totrinsbekraeftelse').expect(200);
    const secret = /<code class="console-secret">([A-Z2-7]+)<\/code>/.exec(setup.text)![1];
    await agent
      .post('/totrinsbekraeftelse')
      .type('form')
      .send({
        ...csrfOf(setup.text.slice(setup.text.indexOf('action="/totrinsbekraeftelse"'))),
        code: await codeAt(secret),
      })
      .expect(200);
    expect((await agent.get('/totrinsbekraeftelse').expect(200)).text).toContain(
      '10 ubrugte genoprettelseskoder',
    );
    await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect((await passwordStep(email)).location).toBe('/log-ind/kode');
  });

  it('a session of a planner that did not pass the second factor opens nothing', async () => {
    const email = await account('planner');
    const id = (await t.app.get(StaffService).findForLogin(email))!.id;
    const { token } = await t.app.get(SessionsService).open(id, 'api', false, undefined);
    await t.http().get('/api/cycles').auth(token, { type: 'bearer' }).expect(401);
  });

  it("an admin switches a lost phone's second factor off: sessions end, the app is set up again", async () => {
    const email = await account('planner');
    const { apiToken } = await enrolInConsole(email);
    const id = (await t.app.get(StaffService).findForLogin(email))!.id;
    await t.http().delete(`/api/staff/${id}/second-factor`).auth(admin, { type: 'bearer' }).expect(204);
    await t.http().get('/api/cycles').auth(apiToken!, { type: 'bearer' }).expect(401);
    expect(
      await t.dataSource.query(`SELECT * FROM staff_recovery_codes WHERE staff_user_id = ${id}`),
    ).toEqual([]);
    expect((await passwordStep(email)).location).toBe('/log-ind/totrinsbekraeftelse');
  });

  it('the code step needs the password step first, and its CSRF fields', async () => {
    const stranger = request.agent(t.app.getHttpServer());
    await stranger.get('/log-ind/kode').expect(303).expect('Location', '/log-ind');
    await stranger
      .post('/log-ind/kode')
      .type('form')
      .send({ code: '123456' })
      .expect(303)
      .expect('Location', '/log-ind');

    const email = await account('planner');
    await enrolInConsole(email);
    const { agent } = await passwordStep(email);
    const forged = await agent.post('/log-ind/kode').type('form').send({ code: '123456' }).expect(403);
    expect(forged.text).toContain('Formularen er udløbet');
  });

  it('wrong codes count in the sign-in limiter: after five, even the right code waits', async () => {
    const email = await account('planner');
    const { secret } = await enrolInConsole(email, false);
    const { agent, location } = await passwordStep(email);
    const form = await agent.get(location).expect(200);
    const wrong = (await codeAt(secret, 1)) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await agent
        .post(location)
        .type('form')
        .send({ ...csrfOf(form.text), code: wrong })
        .expect(401);
    const limited = await agent
      .post(location)
      .type('form')
      .send({ ...csrfOf(form.text), code: await codeAt(secret, 1) })
      .expect(429);
    expect(limited.text).toContain('For mange forkerte forsøg.');
    await agent.get('/oversigt').expect(303).expect('Location', '/log-ind');
  });
});
