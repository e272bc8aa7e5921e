import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationJob } from '../src/invitations/invitation-job.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createWave } from './factories/planning.factory';
import { AppProcess, buildApp, freePort, startAppProcess } from './helpers/app-process';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(600_000);

const onPostgres = Boolean(process.env.DATABASE_URL?.trim());
const SECRET = 'a-two-instance-test-secret-of-more-than-32-characters';
const LEASE_MS = 1500;
const WRONG = (n: number) => `${'v'.repeat(40)}${String(n).padStart(3, '0')}`;

interface JobBody {
  status: string;
  total: number;
  invited: number;
  alreadyInvited: number;
  error: string | null;
}

/**
 * Two app processes, as a load balancer would have them, on one PostgreSQL database: what one
 * starts or counts, the other sees. SQLite is for one instance only.
 */
(onPostgres ? describe : describe.skip)('Two instances on one PostgreSQL database', () => {
  let t: TestApp;
  let build: { dir: string; remove(): void };
  let a: AppProcess;
  let b: AppProcess;
  let planner: string;

  const env = () => ({
    ...process.env,
    ...t.database.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    AUTH_SECRET: SECRET,
    JOB_LEASE_MS: String(LEASE_MS),
    JOB_TAKEOVER_MS: String(LEASE_MS / 2),
  });
  const api = (app: AppProcess, path: string, init: RequestInit = {}) =>
    fetch(`${app.baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${planner}`, 'Content-Type': 'application/json', ...init.headers },
    });
  const jobOn = async (app: AppProcess, cycleId: number, id: string): Promise<JobBody> => {
    const res = await api(app, `/api/cycles/${cycleId}/invitations/jobs/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as JobBody;
  };
  /** Polls a job on one instance until it is no longer running; returns every state seen. */
  const followOn = async (app: AppProcess, cycleId: number, id: string): Promise<JobBody[]> => {
    const seen: JobBody[] = [];
    const until = Date.now() + 120_000;
    for (;;) {
      const job = await jobOn(app, cycleId, id);
      seen.push(job);
      if (job.status !== 'running') return seen;
      if (Date.now() > until) throw new Error(`The job is still running: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const cycleWithMembers = async (count: number) => {
    const cycle = await createCycle(t.dataSource);
    await createWave(t.dataSource, cycle.id);
    await createMembers(t.dataSource, cycle.id, count);
    return cycle.id;
  };
  const startInviting = async (app: AppProcess, cycleId: number): Promise<string> => {
    const res = await api(app, `/api/cycles/${cycleId}/invitations`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    build = buildApp();
    t = await startTestApp({ AUTH_SECRET: SECRET });
    planner = await t.tokenFor('planner');
    a = await startAppProcess(build.dir, env(), await freePort());
    b = await startAppProcess(build.dir, env(), await freePort());
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    build?.remove();
    await t?.close();
  });

  it('follows on one instance a job started on the other', async () => {
    const cycleId = await cycleWithMembers(1000);
    const id = await startInviting(a, cycleId);
    const seen = await followOn(b, cycleId, id);
    expect(seen[0]).toMatchObject({ status: 'running', total: 1000 });
    expect(seen[0].invited).toBeLessThan(1000);
    expect(seen.at(-1)).toMatchObject({ status: 'done', total: 1000, invited: 1000, alreadyInvited: 0 });
    await expect(t.dataSource.getRepository(Invitation).countBy({ cycleId })).resolves.toBe(1000);
  });

  it('carries on a job whose instance was killed, inviting each member exactly once', async () => {
    const cycleId = await cycleWithMembers(4000);
    const id = await startInviting(a, cycleId);
    let before: JobBody;
    do before = await jobOn(b, cycleId, id);
    while (before.invited === 0);
    await a.kill();
    const atCrash = await t.dataSource.getRepository(InvitationJob).findOneByOrFail({ id });
    expect(atCrash.status).toBe('running');
    expect(atCrash.processed).toBeLessThan(4000);

    const seen = await followOn(b, cycleId, id);
    expect(seen.at(-1)).toMatchObject({ status: 'done', invited: 4000, alreadyInvited: 0, error: null });
    const job = await t.dataSource.getRepository(InvitationJob).findOneByOrFail({ id });
    expect(job).toMatchObject({ processed: 4000, takeovers: 1, claimedBy: null, lockedUntil: null });
    const invitations = await t.dataSource.getRepository(Invitation).findBy({ cycleId });
    expect(invitations).toHaveLength(4000);
    expect(new Set(invitations.map((i) => i.memberId)).size).toBe(4000);
    const mails = await t.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .innerJoin('members', 'member', 'member.id = m.member_id')
      .where("m.kind = 'invitation' AND member.cycle_id = :cycleId", { cycleId })
      .getCount();
    expect(mails).toBe(4000);
    console.log(
      `Killed at ${atCrash.processed} of 4000 members; the other instance carried on and invited the rest.`,
    );
    a = await startAppProcess(build.dir, env(), await freePort());
  });

  it('shares the wrong-link and sign-in budgets between the instances', async () => {
    const wrong = (app: AppProcess, n: number) => fetch(`${app.baseUrl}/p/${WRONG(n)}`);
    for (let i = 0; i < 20; i++) expect((await wrong(i % 2 === 0 ? a : b, i)).status).toBe(404);
    expect((await wrong(a, 20)).status).toBe(429);
    expect((await wrong(b, 21)).status).toBe(429);

    const [mail] = await t.dataSource.getRepository(OutboxMessage).find({
      where: { kind: 'invitation' },
      order: { id: 'ASC' },
      take: 1,
    });
    const link = /\/p\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    for (const app of [a, b]) expect((await fetch(`${app.baseUrl}/p/${link}`)).status).toBe(200);

    const email = 'planner-to-guess@kl.dk';
    await t.tokenFor('planner', email);
    const signIn = (app: AppProcess) =>
      fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'gaet-et-forkert-kodeord' }),
      });
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 === 0 ? a : b)).status).toBe(401);
    expect((await signIn(a)).status).toBe(429);
    expect((await signIn(b)).status).toBe(429);
  });
});

if (!onPostgres) {
  test.skip('two instances need PostgreSQL: run with DATABASE_URL=postgres://… to see them share jobs and limits', () => {});
}
