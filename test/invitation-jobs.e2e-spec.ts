import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationJob } from '../src/invitations/invitation-job.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createWave } from './factories/planning.factory';
import { inviteAndWait } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

describe('Invitation jobs kept in the database', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  const cycleWith = async (members: number) => {
    const cycle = await createCycle(t.dataSource);
    await createWave(t.dataSource, cycle.id);
    await createMembers(t.dataSource, cycle.id, members);
    return cycle.id;
  };

  it('answers at once when nobody is left to invite', async () => {
    const cycleId = await cycleWith(0);
    const res = await t
      .http()
      .post(`/api/cycles/${cycleId}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    expect(res.body).toMatchObject({ status: 'done', total: 0, invited: 0, alreadyInvited: 0, error: null });
  });

  it('keeps a large job as a row that ends done, with one invitation per member', async () => {
    const cycleId = await cycleWith(450);
    const job = await inviteAndWait(() => t.http(), cycleId, planner);
    expect(job).toMatchObject({ status: 'done', total: 450, invited: 450, alreadyInvited: 0 });
    const row = await t.dataSource.getRepository(InvitationJob).findOneByOrFail({ cycleId });
    expect(row).toMatchObject({ status: 'done', processed: 450, claimedBy: null, lockedUntil: null });
    expect(row.finishedAt).toBeInstanceOf(Date);
    await expect(t.dataSource.getRepository(Invitation).countBy({ cycleId })).resolves.toBe(450);
  });

  it('shows a job only under its own cycle', async () => {
    const cycleId = await cycleWith(1);
    const other = await cycleWith(0);
    const started = await t
      .http()
      .post(`/api/cycles/${cycleId}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    const job = (path: string) => t.http().get(path).auth(planner, { type: 'bearer' });
    await job(`/api/cycles/${cycleId}/invitations/jobs/${started.body.id}`).expect(200);
    const elsewhere = await job(`/api/cycles/${other}/invitations/jobs/${started.body.id}`).expect(404);
    expect(elsewhere.body.code).toBe('invitation_job.not_found');
    await job(`/api/cycles/${cycleId}/invitations/jobs/no-such-job`).expect(404);
  });
});
