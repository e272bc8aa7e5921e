import { createCycle } from './factories/cycles';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Cycles', () => {
  let t: TestApp;
  let admin: string;
  let planner: string;
  let kl: string;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, planner, kl] = [await t.tokenFor('admin'), await t.tokenFor('planner'), await t.tokenFor('kl')];
  });
  afterAll(() => t.close());

  const kv25 = {
    code: 'KV25',
    name: 'Kommunalvalget 2025',
    electionDate: '2025-11-18',
    termStart: '2026-01-01',
  };

  describe('role matrix: POST /api/cycles', () => {
    it('is open to a planner (201), closed to KL (403) and to anonymous callers (401)', async () => {
      await t.http().post('/api/cycles').send(kv25).expect(401);
      await t.http().post('/api/cycles').auth(kl, { type: 'bearer' }).send(kv25).expect(403);
      const res = await t.http().post('/api/cycles').auth(planner, { type: 'bearer' }).send(kv25).expect(201);
      expect(res.body).toMatchObject({ ...kv25, status: 'planning', id: expect.any(Number) });
    });
  });

  it('lists, fetches and edits a cycle', async () => {
    const id = await createCycle(t, planner, { electionDate: '2021-11-16', termStart: '2022-01-01' });
    const list = await t.http().get('/api/cycles').auth(kl, { type: 'bearer' }).expect(200);
    expect(list.body.map((c: { id: number }) => c.id)).toContain(id);
    const changed = await t
      .http()
      .patch(`/api/cycles/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ status: 'active', name: 'KV21 – ændret' })
      .expect(200);
    expect(changed.body).toMatchObject({
      id,
      status: 'active',
      name: 'KV21 – ændret',
      termStart: '2022-01-01',
    });
    const fetched = await t.http().get(`/api/cycles/${id}`).auth(planner, { type: 'bearer' }).expect(200);
    expect(fetched.body.status).toBe('active');
    await t
      .http()
      .patch(`/api/cycles/${id}`)
      .auth(kl, { type: 'bearer' })
      .send({ status: 'closed' })
      .expect(403);
    const emptied = await t
      .http()
      .patch(`/api/cycles/${id}`)
      .auth(planner, { type: 'bearer' })
      .send({ name: null })
      .expect(400);
    expect(emptied.body.details).toEqual([{ field: 'name', reason: 'cannot be empty' }]);
  });

  it('refuses bad input with the field and reason, and changes nothing', async () => {
    const res = await t
      .http()
      .post('/api/cycles')
      .auth(planner, { type: 'bearer' })
      .send({ ...kv25, code: 'kv 29', electionDate: '18-11-2029' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['code', 'electionDate']),
    );
    const order = await t
      .http()
      .post('/api/cycles')
      .auth(planner, { type: 'bearer' })
      .send({ ...kv25, code: 'KV29', termStart: '2025-01-01' })
      .expect(400);
    expect(order.body.details).toEqual([{ field: 'termStart', reason: 'must come after electionDate' }]);
    const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM cycles WHERE code = 'KV29'");
    expect(Number(n)).toBe(0);
  });

  it('refuses a second cycle with the same code (409) and answers 404 for an unknown cycle', async () => {
    const res = await t.http().post('/api/cycles').auth(planner, { type: 'bearer' }).send(kv25).expect(409);
    expect(res.body.details).toEqual([{ field: 'code', reason: 'already in use' }]);
    await t.http().get('/api/cycles/9999').auth(planner, { type: 'bearer' }).expect(404);
    await t
      .http()
      .patch('/api/cycles/9999')
      .auth(planner, { type: 'bearer' })
      .send({ name: 'x' })
      .expect(404);
  });

  describe('municipal contact accounts', () => {
    const account = {
      email: 'sekretariat@odense.dk',
      name: 'Odense Sekretariat',
      password: 'et-langt-kodeord!',
    };

    it('needs a municipality code exactly for the role municipality', async () => {
      const missing = await t
        .http()
        .post('/api/staff')
        .auth(admin, { type: 'bearer' })
        .send({ ...account, role: 'municipality' })
        .expect(400);
      expect(missing.body.details).toEqual([
        { field: 'municipalityCode', reason: 'required for the role municipality' },
      ]);
      const extra = await t
        .http()
        .post('/api/staff')
        .auth(admin, { type: 'bearer' })
        .send({ ...account, role: 'planner', municipalityCode: 461 })
        .expect(400);
      expect(extra.body.details[0].field).toBe('municipalityCode');
      const unknown = await t
        .http()
        .post('/api/staff')
        .auth(admin, { type: 'bearer' })
        .send({ ...account, role: 'municipality', municipalityCode: 999 })
        .expect(400);
      expect(unknown.body.details).toEqual([{ field: 'municipalityCode', reason: 'unknown municipality' }]);
      const [{ n }] = await t.dataSource.query(
        "SELECT COUNT(*) AS n FROM staff_users WHERE email = 'sekretariat@odense.dk'",
      );
      expect(Number(n)).toBe(0);
    });

    it('is created by an admin with its municipality and can read cycles but not create them', async () => {
      const res = await t
        .http()
        .post('/api/staff')
        .auth(admin, { type: 'bearer' })
        .send({ ...account, role: 'municipality', municipalityCode: 461 })
        .expect(201);
      expect(res.body).toMatchObject({ role: 'municipality', municipalityCode: 461 });
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      const token = login.body.accessToken as string;
      await t.http().get('/api/cycles').auth(token, { type: 'bearer' }).expect(200);
      await t.http().post('/api/cycles').auth(token, { type: 'bearer' }).send(kv25).expect(403);
      await t.http().get('/api/staff').auth(token, { type: 'bearer' }).expect(403);
      const changed = await t
        .http()
        .patch(`/api/staff/${res.body.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ role: 'planner' })
        .expect(200);
      expect(changed.body).toMatchObject({ role: 'planner', municipalityCode: null });
    });
  });

  it('documents the cycle, member, import and GDPR routes in the OpenAPI document', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cycles',
        '/api/cycles/{cycleId}',
        '/api/cycles/{cycleId}/members',
        '/api/cycles/{cycleId}/members/{id}',
        '/api/cycles/{cycleId}/members/import',
        '/api/cycles/{cycleId}/members/export',
        '/api/cycles/{cycleId}/members/{id}/personal-data',
        '/api/cycles/{cycleId}/members/{id}/erase',
      ]),
    );
    const upload = json.body.paths['/api/cycles/{cycleId}/members/import'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
