import { DemoLoader } from '../src/demo/demo-loader';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

describe(DemoLoader.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads both cycles into a fresh database, with seats that add up, and refuses a second time', async () => {
    const loader = new DemoLoader(t.app, () => undefined);
    await expect(loader.refusal()).resolves.toBeNull();
    const { accounts, counts } = await loader.load();
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'planner', 'kl', 'municipality']);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(4);

    const q = (sql: string) => t.dataSource.query(sql);
    expect(await q('SELECT code FROM cycles ORDER BY code')).toEqual([{ code: 'KV21' }, { code: 'KV25' }]);
    const municipalities = await q(
      `SELECT COUNT(DISTINCT m.municipality_code) AS n FROM members m JOIN cycles c ON c.id = m.cycle_id WHERE c.code = 'KV25'`,
    );
    expect(Number(municipalities[0].n)).toBe(98);
    // Every seminar's counter equals the seats it holds.
    const mismatched = await q(
      `SELECT s.id FROM seminars s WHERE s.taken <> (SELECT COUNT(*) FROM registrations r
         WHERE r.seminar_id = s.id AND r.state IN ('registered', 'attended', 'no_show'))`,
    );
    expect(mismatched).toEqual([]);
    expect(counts['KV25 waiting list']).toBe(4);
    // Every newly elected member of KV25 holds an invitation (and its e-mail) when the load returns.
    const [invited] = await q(
      `SELECT (SELECT COUNT(*) FROM members m JOIN cycles c ON c.id = m.cycle_id WHERE c.code = 'KV25' AND m.newly_elected = TRUE) AS newly,
              (SELECT COUNT(*) FROM invitations i JOIN cycles c ON c.id = i.cycle_id WHERE c.code = 'KV25' AND i.purpose = 'invitation') AS invited,
              (SELECT COUNT(*) FROM outbox_messages WHERE kind = 'invitation') AS mails`,
    );
    expect([Number(invited.invited), Number(invited.mails)]).toEqual([
      Number(invited.newly),
      Number(invited.newly),
    ]);
    const full = await q(
      `SELECT COUNT(*) AS n FROM seminars WHERE taken = capacity AND status = 'published'`,
    );
    expect(Number(full[0].n)).toBeGreaterThanOrEqual(1);
    expect(counts['KV25 pilot evaluation answers']).toBeGreaterThanOrEqual(5);
    expect(counts['KV21 evaluation answers']).toBeGreaterThan(100);

    const kl = accounts.find((a) => a.role === 'kl')!;
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: kl.email, password: kl.password })
      .expect(200);
    const cycles = await t.http().get('/api/cycles').set('Authorization', `Bearer ${login.body.accessToken}`);
    const kv25 = cycles.body.find((c: { code: string }) => c.code === 'KV25');
    const results = await t
      .http()
      .get(`/api/cycles/${kv25.id}/evaluations/results`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(results.body.cycle.suppressed).toBe(false);
    expect(results.body.cycle.responses).toBe(counts['KV25 pilot evaluation answers']);

    await expect(loader.refusal()).resolves.toMatch(/cycle/);
  });
});
