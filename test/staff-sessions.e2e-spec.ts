import { scryptSync } from 'node:crypto';
import request from 'supertest';
import { StaffRole } from '../src/auth/roles';
import { StaffUser } from '../src/auth/staff-user.entity';
import { StaffService } from '../src/auth/staff.service';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

const PASSWORD = 'et-rigtig-langt-kodeord';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('Staff sessions', () => {
  let t: TestApp;
  let admin: string;
  let accounts = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  async function account(role: StaffRole) {
    const email = `session-${role}-${++accounts}@test.kattegat.dk`;
    const user = await t.app.get(StaffService).create({ email, name: 'Test', password: PASSWORD, role });
    return { id: user.id, email };
  }

  async function apiLogin(email: string, password = PASSWORD, userAgent = FIREFOX) {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('User-Agent', userAgent)
      .send({ email, password })
      .expect(200);
    return res.body.accessToken as string;
  }

  const me = (token: string) => t.http().get('/api/auth/me').auth(token, { type: 'bearer' });

  /** A browser signed in through the console's form. */
  async function consoleLogin(email: string) {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/log-ind').expect(200);
    const res = await agent
      .post('/log-ind')
      .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: PASSWORD })
      .expect(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kattegat_staff='),
    )!;
    return { agent, res, cookie, token: decodeURIComponent(/^kattegat_staff=([^;]+)/.exec(cookie)![1]) };
  }

  const sessionRows = (staffUserId: number) =>
    t.dataSource.query(
      `SELECT id, kind, revoked_at FROM staff_sessions WHERE staff_user_id = ${Number(staffUserId)} ORDER BY created_at`,
    ) as Promise<Array<{ id: string; kind: string; revoked_at: unknown }>>;

  it('signs out of the API: the token stops working, the row is ended, the token itself is not stored', async () => {
    const { id, email } = await account('planner');
    const token = await apiLogin(email);
    await me(token)
      .expect(200)
      .expect((res) => expect(res.body.email).toBe(email));
    const [row] = await sessionRows(id);
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id).not.toContain(token);
    expect(row.revoked_at).toBeNull();

    await t.http().post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    const after = await me(token).expect(401);
    expect(after.body.code).toBe('auth.bearer_missing');
    expect((await sessionRows(id))[0].revoked_at).not.toBeNull();
  });

  it("disabling an account ends its sessions at the next request, and enabling it again doesn't bring them back", async () => {
    const { id, email } = await account('planner');
    const token = await apiLogin(email);
    const browser = await consoleLogin(email);
    await browser.agent.get('/oversigt').expect(200);

    await t
      .http()
      .patch(`/api/staff/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ disabled: true })
      .expect(200);
    await me(token).expect(401);
    await browser.agent.get('/oversigt').expect(303).expect('Location', '/log-ind');

    await t
      .http()
      .patch(`/api/staff/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ disabled: false })
      .expect(200);
    await me(token).expect(401);
    expect((await sessionRows(id)).every((r) => r.revoked_at !== null)).toBe(true);
    await me(await apiLogin(email)).expect(200);
  });

  it('a new role counts from the next request: the old sessions end, a new sign-in has the new role', async () => {
    const { id, email } = await account('planner');
    const token = await apiLogin(email);
    await t.http().get('/api/staff').auth(token, { type: 'bearer' }).expect(403);
    await t.http().get('/api/cycles').auth(token, { type: 'bearer' }).expect(200);

    await t.http().patch(`/api/staff/${id}`).auth(admin, { type: 'bearer' }).send({ role: 'kl' }).expect(200);
    await t.http().get('/api/cycles').auth(token, { type: 'bearer' }).expect(401);
    const kl = await apiLogin(email);
    await me(kl)
      .expect(200)
      .expect((res) => expect(res.body.role).toBe('kl'));

    // A name change is no reason to sign anyone out.
    await t.http().patch(`/api/staff/${id}`).auth(admin, { type: 'bearer' }).send({ name: 'Ny' }).expect(200);
    await me(kl).expect(200);
  });

  it("an admin's new password for an account ends its sessions; only the new password signs in", async () => {
    const { id, email } = await account('kl');
    const token = await apiLogin(email);
    const newPassword = 'et-helt-andet-langt-kodeord';
    await t
      .http()
      .patch(`/api/staff/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ password: newPassword })
      .expect(200)
      .expect((res) => expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt/i));
    await me(token).expect(401);
    await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    await me(await apiLogin(email, newPassword)).expect(200);
  });

  it('changing your own password keeps the session you use and ends the others', async () => {
    const { email } = await account('kl');
    const used = await apiLogin(email);
    const other = await apiLogin(email);
    const wrong = await t
      .http()
      .post('/api/auth/password')
      .auth(used, { type: 'bearer' })
      .send({ currentPassword: 'forkert', newPassword: 'et-nyt-og-langt-kodeord' })
      .expect(400);
    expect(wrong.body.code).toBe('auth.current_password_wrong');
    await me(other).expect(200);

    await t
      .http()
      .post('/api/auth/password')
      .auth(used, { type: 'bearer' })
      .send({ currentPassword: PASSWORD, newPassword: 'et-nyt-og-langt-kodeord' })
      .expect(204);
    await me(used).expect(200);
    await me(other).expect(401);
    await t.http().post('/api/auth/login').send({ email, password: 'et-nyt-og-langt-kodeord' }).expect(200);
  });

  it("an admin lists an account's console and API sessions and ends one of them", async () => {
    const { id, email } = await account('planner');
    const api = await apiLogin(email);
    const browser = await consoleLogin(email);

    const list = await t.http().get(`/api/staff/${id}/sessions`).auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body).toHaveLength(2);
    const byKind = Object.fromEntries(list.body.map((s: { kind: string }) => [s.kind, s]));
    expect(byKind.api).toMatchObject({ userAgent: 'Firefox på Windows', secondFactor: false });
    expect(byKind.console).toMatchObject({ userAgent: 'Chrome på Linux' });
    expect(Date.parse(byKind.api.expiresAt) - Date.parse(byKind.api.createdAt)).toBe(8 * 3600 * 1000);
    expect(JSON.stringify(list.body)).not.toContain(api);
    expect(JSON.stringify(list.body)).not.toContain(browser.token);

    await t
      .http()
      .delete(`/api/staff/${id}/sessions/${byKind.console.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(204);
    await browser.agent.get('/oversigt').expect(303).expect('Location', '/log-ind');
    await me(api).expect(200);
    const again = await t
      .http()
      .delete(`/api/staff/${id}/sessions/${byKind.console.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(404);
    expect(again.body.code).toBe('session.not_found');
    const left = await t.http().get(`/api/staff/${id}/sessions`).auth(admin, { type: 'bearer' }).expect(200);
    expect(left.body.map((s: { kind: string }) => s.kind)).toEqual(['api']);

    await t.http().delete(`/api/staff/${id}/sessions`).auth(admin, { type: 'bearer' }).expect(204);
    await me(api).expect(401);

    // Only an admin sees or ends sessions.
    await t
      .http()
      .get(`/api/staff/${id}/sessions`)
      .auth(await apiLogin(email), { type: 'bearer' })
      .expect(403);
  });

  it('the console cookie is HttpOnly, SameSite=Lax, for the whole site; signing out ends the session', async () => {
    const { id, email } = await account('kl');
    const browser = await consoleLogin(email);
    expect(browser.res.headers.location).toBe('/statistik');
    expect(browser.cookie).toMatch(/HttpOnly/);
    expect(browser.cookie).toMatch(/SameSite=Lax/);
    expect(browser.cookie).toMatch(/Path=\//);
    expect(browser.cookie).not.toMatch(/Secure/);
    const page = await browser.agent.get('/statistik').expect(200);
    // The front door sends a signed-in user to their start page, a stranger to the sign-in page.
    await browser.agent.get('/').expect(303).expect('Location', '/statistik');
    await browser.agent.get('/log-ind').expect(303).expect('Location', '/statistik');
    await t.http().get('/').expect(303).expect('Location', '/log-ind');
    await t.http().get('/dashboard/login').expect(301).expect('Location', '/log-ind');

    // A sign-out without the page's CSRF fields changes nothing.
    await browser.agent.post('/log-ud').type('form').send({}).expect(303).expect('Location', '/log-ind');
    await browser.agent.get('/statistik').expect(200);

    await browser.agent
      .post('/log-ud')
      .type('form')
      .send(csrfOf(page.text.slice(page.text.indexOf('action="/log-ud"'))))
      .expect(303)
      .expect('Location', '/log-ind');
    expect((await sessionRows(id))[0].revoked_at).not.toBeNull();
    // The cookie's value, sent again by someone who kept it, opens nothing.
    await t
      .http()
      .get('/statistik')
      .set('Cookie', `kattegat_staff=${encodeURIComponent(browser.token)}`)
      .expect(303)
      .expect('Location', '/log-ind');
  });

  it('a console session is no bearer token for the API, and a bearer token no console cookie', async () => {
    const { email } = await account('kl');
    const browser = await consoleLogin(email);
    await browser.agent.get('/api/auth/me').expect(401);
    await me(browser.token).expect(200);
    // The same kind of token, but the API reads only the Authorization header.
    const api = await apiLogin(email);
    await t.http().get('/statistik').set('Cookie', `kattegat_staff=${api}`).expect(200);
  });

  it('hashes a password stored with older parameters again at the next sign-in', async () => {
    const { id, email } = await account('kl');
    const salt = Buffer.from('gammelt-salt-16b');
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await t.dataSource
      .createQueryBuilder()
      .update(StaffUser)
      .set({ passwordHash: old })
      .where('id = :id', { id })
      .execute();

    await t.http().post('/api/auth/login').send({ email, password: 'forkert-kodeord' }).expect(401);
    const [untouched] = await t.dataSource.query(`SELECT password_hash FROM staff_users WHERE id = ${id}`);
    expect(untouched.password_hash).toBe(old);

    await apiLogin(email);
    const [row] = await t.dataSource.query(`SELECT password_hash FROM staff_users WHERE id = ${id}`);
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await apiLogin(email);
  });
});
