import { InvitationJob } from '../src/invitations/invitation-job.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createWave } from './factories/planning.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { startTestApp, TestApp } from './helpers/test-app';

// One request per console page and form for two roles: more pages than a minute holds on a busy machine.
jest.setTimeout(240_000);

/** Invitationer and Deltagelse over HTTP: who may open them, and bad input that changes nothing. */
describe('Console: invitations and the participation board', () => {
  let t: TestApp;
  let cycleId: number;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    cycleId = (await createCycle(t.dataSource)).id;
    await createWave(t.dataSource, cycleId);
    await createMembers(t.dataSource, cycleId, 3);
    base = `/valgperioder/${cycleId}`;
  });
  afterAll(() => t.close());

  const jobs = () => t.dataSource.getRepository(InvitationJob).count();
  const mails = () => t.dataSource.getRepository(OutboxMessage).count();

  it('a municipal contact and KL get 403 on every page and form; the menu leads planners in', async () => {
    for (const role of ['municipality', 'kl'] as const) {
      const agent = await signedIn(t, role);
      for (const path of ['invitationer', 'invitationer/ny', 'deltagelse', 'deltagelse/paamind'])
        await agent.get(`${base}/${path}`).expect(403);
    }
    const planner = await signedIn(t, 'planner');
    const overview = await planner.get('/oversigt').expect(200);
    expect(overview.text).toContain('href="/invitationer"');
    expect(overview.text).toContain('href="/deltagelse"');
    await planner.get('/deltagelse').expect(303).expect('Location', `${base}/deltagelse`);
  });

  it('a municipality that is not a number gets the Danish error page, and no job starts', async () => {
    const planner = await signedIn(t, 'planner');
    const refused = await postForm(
      planner,
      `${base}/invitationer/ny`,
      `${base}/invitationer`,
      { kommune: 'Odense' },
      400,
    );
    expect(textOf(refused.text)).toContain('Nogle af oplysningerne er ikke udfyldt rigtigt.');
    await planner.get(`${base}/invitationer/ny`).query({ kommune: 'Odense' }).expect(400);
    expect(await jobs()).toBe(0);
  });

  it('an unknown job is a Danish 404; with nobody invited the reminder page has no one to remind', async () => {
    const planner = await signedIn(t, 'planner');
    const missing = await planner
      .get(`${base}/invitationer/job/00000000-0000-0000-0000-000000000000`)
      .expect(404);
    expect(textOf(missing.text)).toContain('findes ikke');
    const confirm = await planner.get(`${base}/deltagelse/paamind`).expect(200);
    expect(textOf(confirm.text)).toContain('Der er ingen at påminde');
    const before = await mails();
    const sent = await postForm(planner, `${base}/deltagelse/paamind`, `${base}/deltagelse/paamind`, {}, 303);
    expect(sent.headers.location).toBe(`${base}/deltagelse?sendt=0`);
    expect(await mails()).toBe(before);
  });
});
