import request from 'supertest';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { inviteAndWait, captureIssuedLinks, csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(300_000);

describe('Registration under load', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    // A real listening server: supertest would otherwise try to start one per request.
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('gives 300 simultaneous requests for 25 seats exactly 25 seats and 275 numbered waiting-list places', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      capacity: 25,
    });
    const members = await createMembers(t.dataSource, cycle.id, 300);
    const planner = await t.tokenFor('planner');
    await expect(inviteAndWait(() => request(baseUrl), cycle.id, planner)).resolves.toMatchObject({
      status: 'done',
    });

    const forms = [];
    for (const member of members) {
      const token = tokens.get(member.id)!;
      const page = await request(baseUrl).get(`/p/${token}`).expect(200);
      forms.push({ token, fields: { ...csrfOf(page.text), seminarId: String(seminar.id) } });
    }

    const responses = await Promise.all(
      forms.map(({ token, fields }) =>
        request(baseUrl).post(`/p/${token}/tilmeld`).type('form').send(fields),
      ),
    );

    // Nothing lost: every request got an answer that says what happened to it.
    const outcomes = responses.map((r) => `${r.status} ${r.headers.location?.split('?')[1]}`);
    expect(outcomes.filter((o) => o === '303 besked=tilmeldt')).toHaveLength(25);
    expect(outcomes.filter((o) => o === '303 besked=venteliste')).toHaveLength(275);

    const seats = await t.dataSource.getRepository(Registration).find({ where: { seminarId: seminar.id } });
    expect(seats).toHaveLength(300);
    expect(seats.filter((s) => s.state === 'registered')).toHaveLength(25);
    const waiting = seats.filter((s) => s.state === 'waitlisted');
    expect(waiting.map((s) => s.waitlistNumber).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 275 }, (_, i) => i + 1),
    );
    await expect(
      t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id }),
    ).resolves.toMatchObject({
      taken: 25,
      waitlistCounter: 275,
    });

    // The waiting list is in arrival order: the numbers follow the order the events were written.
    const events = await t.dataSource
      .getRepository(RegistrationEvent)
      .find({ where: { seminarId: seminar.id, kind: 'waitlisted' }, order: { id: 'ASC' } });
    const numberOf = new Map(waiting.map((s) => [s.id, s.waitlistNumber]));
    expect(events.map((e) => numberOf.get(e.registrationId!))).toEqual(
      Array.from({ length: 275 }, (_, i) => i + 1),
    );
    await expect(
      t.dataSource.getRepository(RegistrationEvent).countBy({ seminarId: seminar.id, kind: 'registered' }),
    ).resolves.toBe(25);

    // The planner's view shows the list in that order, positions 1..275.
    const view = await request(baseUrl)
      .get(`/api/seminars/${seminar.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(view.body.participants).toHaveLength(25);
    expect(view.body.waitingList.map((w: { position: number }) => w.position)).toEqual(
      Array.from({ length: 275 }, (_, i) => i + 1),
    );
  });

  it('lets one member who sends the same request many times at once get one seat only', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 5 });
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    const planner = await t.tokenFor('planner');
    await expect(inviteAndWait(() => request(baseUrl), cycle.id, planner)).resolves.toMatchObject({
      status: 'done',
    });
    const token = tokens.get(member.id)!;
    const page = await request(baseUrl).get(`/p/${token}`).expect(200);
    const fields = { ...csrfOf(page.text), seminarId: String(seminar.id) };

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(baseUrl).post(`/p/${token}/tilmeld`).type('form').send(fields),
      ),
    );
    expect(responses.filter((r) => r.status === 303)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    await expect(t.dataSource.getRepository(Registration).countBy({ memberId: member.id })).resolves.toBe(1);
    await expect(
      t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id }),
    ).resolves.toMatchObject({
      taken: 1,
    });
  });
});
