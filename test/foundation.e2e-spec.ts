import { prepareDatabase } from '../src/app.setup';
import { ReferenceService } from '../src/reference/reference.service';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Foundation', () => {
  let t: TestApp;
  let tokens: Record<'admin' | 'planner' | 'kl', string>;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = {
      admin: await t.tokenFor('admin'),
      planner: await t.tokenFor('planner'),
      kl: await t.tokenFor('kl'),
    };
    // The first cycle of a fresh database: the statistics route of the role matrix reads it.
    await t
      .http()
      .post('/api/cycles')
      .auth(tokens.planner, { type: 'bearer' })
      .send({
        code: 'KV25',
        name: 'Kommunalvalget 2025',
        electionDate: '2025-11-18',
        termStart: '2026-01-01',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('database', () => {
    it('is built from an empty database by the migrations alone', async () => {
      await expect(t.dataSource.showMigrations()).resolves.toBe(false);
      const applied = await t.dataSource.query('SELECT name FROM migrations');
      expect(applied.map((m: { name: string }) => m.name)).toContain('Foundation1764000000000');
    });

    it('loads the reference data once, however often the app starts', async () => {
      await prepareDatabase(t.app);
      const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM municipalities');
      expect(Number(n)).toBe(98);
    });
  });

  describe('reference data', () => {
    it('lists the 98 municipalities with region and reference point', async () => {
      const res = await t.http().get('/api/municipalities').auth(tokens.kl, { type: 'bearer' }).expect(200);
      expect(res.body).toHaveLength(98);
      expect(res.body[0]).toEqual({
        code: 101,
        name: 'København',
        regionCode: 1084,
        latitude: expect.closeTo(55.676, 2),
        longitude: expect.closeTo(12.553, 2),
      });
      expect(res.body.map((m: { name: string }) => m.name)).toEqual(
        expect.arrayContaining(['Ærø', 'Høje-Taastrup']),
      );
    });

    it('shows what the reference data holds after it is loaded again, not what was held before', async () => {
      const odense = () =>
        t.http().get('/api/municipalities/461').auth(tokens.kl, { type: 'bearer' }).expect(200);
      await t.dataSource.query(`UPDATE municipalities SET name = 'Odense (gammelt navn)' WHERE code = 461`);
      t.app.get(ReferenceService).forget();
      expect((await odense()).body.name).toBe('Odense (gammelt navn)');
      // Loading the reference data puts the right name back, and the app shows it at once.
      await prepareDatabase(t.app);
      expect((await odense()).body.name).toBe('Odense');
    });

    it('filters municipalities by region', async () => {
      const res = await t
        .http()
        .get('/api/municipalities?region=1081')
        .auth(tokens.planner, { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(11);
    });

    it('lists the 5 regions with their official codes', async () => {
      const res = await t.http().get('/api/regions').auth(tokens.planner, { type: 'bearer' }).expect(200);
      expect(res.body.map((r: { code: number; name: string }) => `${r.code} ${r.name}`)).toEqual([
        '1081 Region Nordjylland',
        '1082 Region Midtjylland',
        '1083 Region Syddanmark',
        '1084 Region Hovedstaden',
        '1085 Region Sjælland',
      ]);
    });

    it('fetches one municipality and answers 404 for an unknown code', async () => {
      const found = await t
        .http()
        .get('/api/municipalities/461')
        .auth(tokens.kl, { type: 'bearer' })
        .expect(200);
      expect(found.body.name).toBe('Odense');
      const missing = await t
        .http()
        .get('/api/municipalities/999')
        .auth(tokens.kl, { type: 'bearer' })
        .expect(404);
      expect(missing.body).toMatchObject({
        statusCode: 404,
        error: 'not_found',
        message: 'Municipality 999 does not exist',
      });
    });

    it('lists the party letters, including Æ, Ø and Å', async () => {
      const res = await t.http().get('/api/parties').auth(tokens.kl, { type: 'bearer' }).expect(200);
      expect(res.body.map((p: { letter: string }) => p.letter)).toEqual(
        expect.arrayContaining(['A', 'V', 'Æ', 'Ø', 'Å']),
      );
    });
  });

  describe('roles', () => {
    const matrix: Array<[string, string, Array<'admin' | 'planner' | 'kl'>]> = [
      ['GET', '/api/staff', ['admin']],
      ['GET', '/api/municipalities', ['admin', 'planner', 'kl']],
      ['GET', '/api/auth/me', ['admin', 'planner', 'kl']],
      ['GET', '/api/venues', ['admin', 'planner']],
      ['GET', '/api/cycles/1/statistics/summary', ['admin', 'planner', 'kl']],
    ];

    it.each(matrix)('%s %s needs a token (401)', async (method, path) => {
      const res = await t.http()[method.toLowerCase() as 'get'](path);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
    });

    it.each(matrix)('%s %s is open to exactly its roles', async (method, path, allowed) => {
      for (const role of ['admin', 'planner', 'kl'] as const) {
        const res = await t
          .http()
          [method.toLowerCase() as 'get'](path)
          .auth(tokens[role], { type: 'bearer' });
        expect({ role, status: res.status }).toEqual({ role, status: allowed.includes(role) ? 200 : 403 });
      }
    });

    it('refuses a forged or expired token with 401', async () => {
      const forged = tokens.admin.slice(0, -4) + 'AAAA';
      await t.http().get('/api/staff').auth(forged, { type: 'bearer' }).expect(401);
    });

    it('stops a disabled account at once', async () => {
      const token = await t.tokenFor('planner', 'soon-gone@test.kattegat.dk');
      const me = await t.http().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
      await t
        .http()
        .patch(`/api/staff/${me.body.id}`)
        .auth(tokens.admin, { type: 'bearer' })
        .send({ disabled: true })
        .expect(200);
      await t.http().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    });

    it('lets an admin create a staff account, never showing its password hash', async () => {
      const res = await t
        .http()
        .post('/api/staff')
        .auth(tokens.admin, { type: 'bearer' })
        .send({
          email: 'Ny.Planlaegger@KL.dk',
          name: 'Søren Ærenpris',
          password: 'langt-nok-kodeord',
          role: 'planner',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        email: 'ny.planlaegger@kl.dk',
        name: 'Søren Ærenpris',
        role: 'planner',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt/i);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ny.planlaegger@kl.dk', password: 'langt-nok-kodeord' })
        .expect(200);
    });
  });

  describe('login', () => {
    it('returns a bearer token with its expiry', async () => {
      await t.tokenFor('planner', 'login-ok@test.kattegat.dk');
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'login-ok@test.kattegat.dk', password: 'et-rigtig-langt-kodeord' });
      expect(res.status).toBe(200);
      // An opaque random token (32 bytes); only its hash is stored.
      expect(res.body.accessToken).toMatch(/^[\w-]{43}$/);
      const expiresIn = Date.parse(res.body.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(7 * 3600 * 1000);
      expect(expiresIn).toBeLessThanOrEqual(8 * 3600 * 1000);
    });

    it('does not tell whether the e-mail or the password was wrong', async () => {
      await t.tokenFor('planner', 'known@test.kattegat.dk');
      const wrongPassword = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'known@test.kattegat.dk', password: 'forkert' });
      const unknownEmail = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'nobody@test.kattegat.dk', password: 'forkert' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      const { requestId: _a, ...first } = wrongPassword.body;
      const { requestId: _b, ...second } = unknownEmail.body;
      expect(first).toEqual(second);
    });

    it('refuses further attempts after five failures for one e-mail, even with the right password', async () => {
      await t.tokenFor('planner', 'target@test.kattegat.dk');
      for (let i = 0; i < 5; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'target@test.kattegat.dk', password: `gæt-${i}` })
          .expect(401);
      }
      const blocked = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'target@test.kattegat.dk', password: 'et-rigtig-langt-kodeord' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.message).toMatch(/Too many failed log-ins/);
    });

    it('answers a malformed login with 400 naming each field', async () => {
      const res = await t.http().post('/api/auth/login').send({ email: 'not-an-email', remember: true });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'email', reason: 'email must be an e-mail address' },
          { field: 'password', reason: expect.stringMatching(/password/) },
          { field: 'remember', reason: 'property remember should not exist' },
        ]),
      );
    });

    it('answers malformed JSON with 400 and says so', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.dk",');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/not valid JSON/);
    });
  });

  describe('the HTTP edge', () => {
    it('serves the OpenAPI document and its UI', async () => {
      const json = await t.http().get('/api/docs-json').expect(200);
      expect(json.body.openapi).toMatch(/^3\./);
      expect(Object.keys(json.body.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/municipalities']),
      );
      const ui = await t.http().get('/api/docs').expect(200);
      expect(ui.text).toContain('swagger-ui');
    });

    it('sends security headers and a request id', async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'trace-123');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBe('trace-123');
    });

    it('puts the request id in error bodies', async () => {
      const res = await t.http().get('/api/nowhere').set('X-Request-Id', 'trace-404');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found', requestId: 'trace-404' });
    });
  });

  describe('health', () => {
    it('is 200 while the database answers, then 503 when it is gone', async () => {
      await expect(
        t
          .http()
          .get('/health')
          .then((r) => [r.status, r.body]),
      ).resolves.toEqual([200, { status: 'ok', database: 'up' }]);
      await t.dataSource.destroy();
      const res = await t.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', database: 'down' });
    });
  });
});
