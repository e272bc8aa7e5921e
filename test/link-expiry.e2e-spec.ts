import { DispatcherService } from '../src/messaging/dispatcher.service';
import { Invitation } from '../src/invitations/invitation.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Wave } from '../src/planning/wave.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { startTestApp, TestApp } from './helpers/test-app';

const DAY = 24 * 3600 * 1000;

/**
 * Personal links expire by the plan: an invitation when the cycle's last wave closes, a link sent
 * with a seat e-mail 30 days after the cycle's last seminar ends. Links already sent follow the
 * plan when it changes (planning publishes `registration_period.changed`, invitations handles it).
 */
describe('Personal links follow the plan', () => {
  let t: TestApp;
  let planner: string;
  let wave: Wave;
  let seminar: Seminar;
  let memberId: number;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    wave = await createWave(t.dataSource, cycle.id);
    seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource));
    [{ id: memberId }] = await createMembers(t.dataSource, cycle.id, 1);
    await api().post(`/api/cycles/${cycle.id}/invitations`).send({}).expect(201);
    // The confirmation e-mail carries a message link of its own, minted when it is written out.
    await api().post(`/api/seminars/${seminar.id}/registrations`).send({ memberId }).expect(201);
    await t.app.get(DispatcherService).drain();
  });
  afterAll(() => t.close());

  const api = () => ({
    post: (url: string) => t.http().post(url).auth(planner, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(planner, { type: 'bearer' }),
  });
  /** When the member's live links of the kind expire: one instant, however many e-mails carried one. */
  const expiry = async (purpose: 'invitation' | 'message') => {
    const links = await t.dataSource.getRepository(Invitation).findBy({ memberId, purpose });
    const instants = [...new Set(links.map((link) => link.expiresAt.getTime()))];
    expect(instants).toHaveLength(1);
    return instants[0];
  };

  it('gives the links of the invitation and of the seat e-mail their expiry', async () => {
    await expect(expiry('invitation')).resolves.toBe(wave.registrationClosesAt.getTime());
    await expect(expiry('message')).resolves.toBe(seminar.endsAt.getTime() + 30 * DAY);
  });

  it('moves the expiry of links already sent when the last seminar ends later', async () => {
    const sent = await t.dataSource
      .getRepository(Invitation)
      .findOneByOrFail({ memberId, purpose: 'message' });
    const endsAt = new Date(seminar.endsAt.getTime() + 2 * DAY);
    // The change e-mail carries a new link; the one sent with the confirmation follows too.
    await api().patch(`/api/seminars/${seminar.id}`).send({ endsAt: endsAt.toISOString() }).expect(200);
    const followed = await t.dataSource.getRepository(Invitation).findOneByOrFail({ id: sent.id });
    expect(followed.expiresAt.getTime()).toBe(endsAt.getTime() + 30 * DAY);
    await expect(expiry('message')).resolves.toBe(endsAt.getTime() + 30 * DAY);
    await expect(expiry('invitation')).resolves.toBe(wave.registrationClosesAt.getTime());
  });

  it('moves it again when a seminar is planned that ends after the others', async () => {
    const startsAt = new Date(Date.now() + 60 * DAY);
    const endsAt = new Date(startsAt.getTime() + 2 * DAY);
    await api()
      .post('/api/seminars')
      .send({
        waveId: wave.id,
        venueId: seminar.venueId,
        title: 'Kattegat-seminar, senere',
        capacity: 25,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        registrationDeadline: new Date(Date.now() + 20 * DAY).toISOString(),
      })
      .expect(201);
    await expect(expiry('message')).resolves.toBe(endsAt.getTime() + 30 * DAY);
  });

  it('moves invitation links with the last wave', async () => {
    const closesAt = new Date(wave.registrationClosesAt.getTime() + 5 * DAY);
    await api()
      .patch(`/api/cycles/${wave.cycleId}/waves/${wave.id}`)
      .send({ registrationClosesAt: closesAt.toISOString() })
      .expect(200);
    await expect(expiry('invitation')).resolves.toBe(closesAt.getTime());
  });
});
