import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createWave } from './factories/planning.factory';
import { captureIssuedLinks, inviteNow } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

const WRONG = (n: number) => `${'w'.repeat(40)}${String(n).padStart(3, '0')}`;

/** A member with a working personal link, on a fresh cycle of the app. */
async function memberWithLink(t: TestApp): Promise<string> {
  const tokens = captureIssuedLinks(t);
  const cycle = await createCycle(t.dataSource);
  await createWave(t.dataSource, cycle.id);
  const [member] = await createMembers(t.dataSource, cycle.id, 1);
  await inviteNow(t, cycle.id, await t.tokenFor('planner'));
  return tokens.get(member.id)!;
}

describe('Behind a proxy (TRUST_PROXY)', () => {
  describe('with TRUST_PROXY=1', () => {
    let t: TestApp;
    let link: string;

    beforeAll(async () => {
      t = await startTestApp({ TRUST_PROXY: '1' });
      link = await memberWithLink(t);
    });
    afterAll(() => t.close());

    const from = (client: string, path: string) => t.http().get(path).set('X-Forwarded-For', client);

    it('counts wrong links per real client, and a working link always opens', async () => {
      for (let i = 0; i < 20; i++) await from('203.0.113.7', `/p/${WRONG(i)}`).expect(404);
      const blocked = await from('203.0.113.7', `/p/${WRONG(20)}`);
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('For mange forsøg');
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);

      // Another client behind the same proxy is not touched by the first one's failures.
      await from('198.51.100.9', `/p/${WRONG(21)}`).expect(404);
      // Nor is a working link, not even from the client that was refused.
      const own = await from('203.0.113.7', `/p/${link}`).expect(200);
      expect(own.text).toContain('Æble Østergård');
      await from('198.51.100.9', `/p/${link}`).expect(200);
    });

    // 22 scrypt hashes of 128 MiB each (an unknown address is hashed too): slow on a busy machine.
    it('counts failed sign-ins per real client', async () => {
      for (let i = 0; i < 20; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', '192.0.2.44')
          .send({ email: `ukendt-${i}@kl.dk`, password: 'forkert-kodeord-123' })
          .expect(401);
      }
      const refused = await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', '192.0.2.44')
        .send({ email: 'ukendt-20@kl.dk', password: 'forkert-kodeord-123' })
        .expect(429);
      expect(refused.body.code).toBe('auth.too_many_attempts');
      await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', '192.0.2.45')
        .send({ email: 'ukendt-20@kl.dk', password: 'forkert-kodeord-123' })
        .expect(401);
    }, 180_000);
  });

  describe('without TRUST_PROXY (the default)', () => {
    let t: TestApp;
    let link: string;

    beforeAll(async () => {
      t = await startTestApp();
      link = await memberWithLink(t);
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For, so all share the proxy address, yet a working link still opens', async () => {
      for (let i = 0; i < 20; i++)
        await t
          .http()
          .get(`/p/${WRONG(i)}`)
          .set('X-Forwarded-For', `203.0.113.${i}`)
          .expect(404);
      await t
        .http()
        .get(`/p/${WRONG(20)}`)
        .set('X-Forwarded-For', '198.51.100.9')
        .expect(429);
      const page = await t.http().get(`/p/${link}`).expect(200);
      expect(page.text).toContain('Æble Østergård');
      const counted: { failures: number }[] = await t.dataSource.query(
        "SELECT failures FROM failure_counts WHERE scope = 'link'",
      );
      expect(counted.map((row) => Number(row.failures))).toEqual([20]);
    });
  });
});
