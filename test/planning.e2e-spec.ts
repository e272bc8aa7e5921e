import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createWave } from './factories/planning.factory';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

describe('Planning API', () => {
  let t: TestApp;
  let planner: string;
  let cycleId: number;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    cycleId = (await createCycle(t.dataSource)).id;
  });
  afterAll(() => t.close());

  const api = () => ({
    get: (path: string) => t.http().get(path).auth(planner, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(planner, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(planner, { type: 'bearer' }).send(body),
  });

  async function plan(capacity = 2, inCycle = cycleId) {
    const venue = await api()
      .post('/api/venues', {
        name: 'Comwell Kolding',
        address: 'Skovbrynet 1',
        postalCode: '6000',
        town: 'Kolding',
        latitude: 55.49,
        longitude: 9.47,
      })
      .expect(201);
    const wave = await api()
      .post(`/api/cycles/${inCycle}/waves`, {
        name: 'Periode 1',
        registrationOpensAt: new Date(Date.now() - 3600_000).toISOString(),
        registrationClosesAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
      })
      .expect(201);
    const seminar = await api()
      .post('/api/seminars', {
        waveId: wave.body.id,
        venueId: venue.body.id,
        title: 'Kattegat Kolding',
        startsAt: '2030-01-10T13:00:00+01:00',
        endsAt: '2030-01-12T13:00:00+01:00',
        capacity,
        registrationDeadline: '2030-01-01T12:00:00+01:00',
        status: 'published',
        agenda: [
          { startsAt: '2030-01-10T13:00:00+01:00', title: 'Velkomst', speaker: 'Åse Ærø' },
          { startsAt: '2030-01-11T09:00:00+01:00', title: 'Økonomi og budget' },
        ],
      })
      .expect(201);
    return { venue: venue.body, wave: wave.body, seminar: seminar.body };
  }

  it('creates venues, waves and seminars with an agenda', async () => {
    const { seminar, venue } = await plan();
    expect(seminar).toMatchObject({
      title: 'Kattegat Kolding',
      cycleId,
      capacity: 2,
      taken: 0,
      status: 'published',
      startsAt: '2030-01-10T12:00:00.000Z',
      venue: { id: venue.id, town: 'Kolding' },
    });
    expect(seminar.agenda.map((a: { title: string }) => a.title)).toEqual(['Velkomst', 'Økonomi og budget']);
    const listed = await api().get(`/api/seminars?cycleId=${cycleId}`).expect(200);
    expect(listed.body.map((s: { id: number }) => s.id)).toContain(seminar.id);
  });

  it('refuses bad times with 400 naming the field, and unknown ids with 404', async () => {
    const { wave, venue } = await plan();
    const bad = await api()
      .post('/api/seminars', {
        waveId: wave.id,
        venueId: venue.id,
        title: 'Forkert',
        startsAt: '2030-01-10T13:00:00+01:00',
        endsAt: '2030-01-09T13:00:00+01:00',
        capacity: 10,
        registrationDeadline: '2030-01-01T12:00:00+01:00',
      })
      .expect(400);
    expect(bad.body.details).toEqual([{ field: 'endsAt', reason: 'must be after startsAt' }]);
    await api().get('/api/seminars/99999').expect(404);
    await api().get('/api/cycles/99999/waves').expect(404);
    const badWave = await api()
      .post(`/api/cycles/${cycleId}/waves`, {
        name: 'x',
        registrationOpensAt: 'i morgen',
        registrationClosesAt: '2026-01-01T00:00:00Z',
      })
      .expect(400);
    expect(badWave.body.details[0].field).toBe('registrationOpensAt');
  });

  it('lets KL read no planning data', async () => {
    const kl = await t.tokenFor('kl');
    await t.http().get('/api/venues').auth(kl, { type: 'bearer' }).expect(403);
  });

  it('fills seats, queues the rest, and promotes the first on the list when a seat is freed', async () => {
    const { seminar } = await plan(2);
    const members = await createMembers(t.dataSource, cycleId, 4);
    const states = [];
    for (const m of members) {
      const res = await api()
        .post(`/api/seminars/${seminar.id}/registrations`, { memberId: m.id })
        .expect(201);
      states.push(res.body.state);
    }
    expect(states).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
    const again = await api().post(`/api/seminars/${seminar.id}/registrations`, { memberId: members[0].id });
    expect(again.status).toBe(409);

    const before = await api().get(`/api/seminars/${seminar.id}/registrations`).expect(200);
    expect(
      before.body.waitingList.map((w: { position: number; memberId: number }) => [w.position, w.memberId]),
    ).toEqual([
      [1, members[2].id],
      [2, members[3].id],
    ]);
    const first = before.body.participants[0].registrationId;
    await api().post(`/api/registrations/${first}/cancel`, {}).expect(200);
    const after = await api().get(`/api/seminars/${seminar.id}/registrations`).expect(200);
    expect(after.body.participants.map((p: { memberId: number }) => p.memberId).sort()).toEqual(
      [members[1].id, members[2].id].sort(),
    );
    expect(after.body.waitingList).toMatchObject([{ position: 1, memberId: members[3].id }]);

    const events = await t.dataSource.getRepository(RegistrationEvent).find({
      where: { seminarId: seminar.id },
      order: { id: 'ASC' },
    });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['registered', 'planner'],
      ['registered', 'planner'],
      ['waitlisted', 'planner'],
      ['waitlisted', 'planner'],
      ['cancelled', 'planner'],
      ['promoted', 'system'],
    ]);

    // A rise in capacity promotes the next one.
    await api().patch(`/api/seminars/${seminar.id}`, { capacity: 3 }).expect(200);
    const raised = await api().get(`/api/seminars/${seminar.id}/registrations`).expect(200);
    expect(raised.body.waitingList).toEqual([]);
    expect(raised.body.taken).toBe(3);
    const lower = await api().patch(`/api/seminars/${seminar.id}`, { capacity: 1 });
    expect(lower.status).toBe(409);
  });

  it('records a change of time for everyone holding a seat, with a higher calendar sequence', async () => {
    const { seminar } = await plan(5);
    const [m] = await createMembers(t.dataSource, cycleId, 1);
    const seat = await api()
      .post(`/api/seminars/${seminar.id}/registrations`, { memberId: m.id })
      .expect(201);
    await api().patch(`/api/seminars/${seminar.id}`, { startsAt: '2030-01-10T12:00:00+01:00' }).expect(200);
    const event = await t.dataSource
      .getRepository(RegistrationEvent)
      .findOneByOrFail({ registrationId: seat.body.id, kind: 'seminar_changed' });
    expect(event).toMatchObject({
      calendarSequence: 1,
      actor: 'planner',
      details: { previousStartsAt: '2030-01-10T12:00:00.000Z' },
    });
    const row = await t.dataSource.getRepository(Registration).findOneByOrFail({ id: seat.body.id });
    expect(row.calendarSequence).toBe(1);
  });

  it('moves a seat only when the new one is secured, keeping the old otherwise', async () => {
    const a = await plan(1);
    const full = await plan(1);
    const free = await plan(1);
    const [m, other] = await createMembers(t.dataSource, cycleId, 2);
    await api().post(`/api/seminars/${full.seminar.id}/registrations`, { memberId: other.id }).expect(201);
    const seat = await api()
      .post(`/api/seminars/${a.seminar.id}/registrations`, { memberId: m.id })
      .expect(201);
    const refused = await api().post(`/api/registrations/${seat.body.id}/move`, {
      seminarId: full.seminar.id,
    });
    expect(refused.status).toBe(409);
    const kept = await t.dataSource.getRepository(Registration).findOneByOrFail({ id: seat.body.id });
    expect(kept.state).toBe('registered');
    const moved = await api()
      .post(`/api/registrations/${seat.body.id}/move`, { seminarId: free.seminar.id })
      .expect(200);
    expect(moved.body).toMatchObject({ state: 'registered', seminarId: free.seminar.id });
    const old = await api().get(`/api/seminars/${a.seminar.id}`).expect(200);
    expect(old.body.taken).toBe(0);
  });

  it('records attendance only once the seminar has begun', async () => {
    const { seminar } = await plan(3);
    const [m] = await createMembers(t.dataSource, cycleId, 1);
    const seat = await api()
      .post(`/api/seminars/${seminar.id}/registrations`, { memberId: m.id })
      .expect(201);
    const early = await api().post(`/api/seminars/${seminar.id}/attendance`, {
      records: [{ registrationId: seat.body.id, attended: true }],
    });
    expect(early.status).toBe(409);
    await t.dataSource
      .getRepository(Seminar)
      .update(seminar.id, { startsAt: new Date(Date.now() - 3600_000) });
    const done = await api().post(`/api/seminars/${seminar.id}/attendance`, {
      records: [{ registrationId: seat.body.id, attended: false }],
    });
    expect(done.status).toBe(200);
    expect(done.body[0].state).toBe('no_show');
  });

  it('shows per cycle who is invited, booked, waitlisted or has not answered', async () => {
    // A cycle of its own: one member in each state, and nothing left by the other tests.
    const cycle = await createCycle(t.dataSource);
    const { seminar } = await plan(1, cycle.id);
    const [booked, queued, silent, gaveUp] = await createMembers(t.dataSource, cycle.id, 4);
    await api().post(`/api/cycles/${cycle.id}/invitations`, {}).expect(201);
    const [uninvited] = await createMembers(t.dataSource, cycle.id, 1);
    const seat = (memberId: number) =>
      api().post(`/api/seminars/${seminar.id}/registrations`, { memberId }).expect(201);
    expect((await seat(booked.id)).body.state).toBe('registered');
    expect((await seat(queued.id)).body.state).toBe('waitlisted');
    const left = await seat(gaveUp.id);
    await api().post(`/api/registrations/${left.body.id}/cancel`, {}).expect(200);

    const res = await api().get(`/api/cycles/${cycle.id}/participation`).expect(200);
    expect(res.body.counts).toEqual({
      not_invited: 1,
      not_answered: 1,
      declined: 0,
      registered: 1,
      waitlisted: 1,
      cancelled: 1,
      attended: 0,
      no_show: 0,
    });
    const statusOf = Object.fromEntries(
      res.body.items.map((i: { memberId: number; status: string }) => [i.memberId, i.status]),
    );
    expect(statusOf).toEqual({
      [booked.id]: 'registered',
      [queued.id]: 'waitlisted',
      [silent.id]: 'not_answered',
      [gaveUp.id]: 'cancelled',
      [uninvited.id]: 'not_invited',
    });
    const waitlisted = await api().get(`/api/cycles/${cycle.id}/participation?status=waitlisted`).expect(200);
    expect(waitlisted.body.items.map((i: { memberId: number }) => i.memberId)).toEqual([queued.id]);
  });

  it('cancels every seat when the seminar is cancelled, telling each member', async () => {
    const { seminar } = await plan(1);
    const members = await createMembers(t.dataSource, cycleId, 2);
    for (const m of members) {
      await api().post(`/api/seminars/${seminar.id}/registrations`, { memberId: m.id }).expect(201);
    }
    const res = await api().patch(`/api/seminars/${seminar.id}`, { status: 'cancelled' }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', taken: 0 });
    const seats = await t.dataSource.getRepository(Registration).findBy({ seminarId: seminar.id });
    expect(seats.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
    const kinds = await t.dataSource
      .getRepository(RegistrationEvent)
      .findBy({ seminarId: seminar.id, kind: 'seminar_cancelled' });
    expect(kinds.map((e) => e.memberId).sort()).toEqual(members.map((m) => m.id).sort());
    const back = await api().patch(`/api/seminars/${seminar.id}`, { status: 'published' });
    expect(back.status).toBe(409);
  });

  it('keeps personal links alive until the last wave closes, also when a wave is moved later', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await api()
      .post(`/api/cycles/${cycle.id}/waves`, {
        name: 'Periode 1',
        registrationOpensAt: new Date(Date.now() - 3600_000).toISOString(),
        registrationClosesAt: '2030-02-01T00:00:00.000Z',
      })
      .expect(201);
    await createMembers(t.dataSource, cycle.id, 1);
    const invited = await api().post(`/api/cycles/${cycle.id}/invitations`, {}).expect(201);
    expect(invited.body.expiresAt).toBe('2030-02-01T00:00:00.000Z');
    await api()
      .patch(`/api/cycles/${cycle.id}/waves/${wave.body.id}`, {
        registrationClosesAt: '2030-03-01T00:00:00.000Z',
      })
      .expect(200);
    const links = await api().get(`/api/cycles/${cycle.id}/invitations`).expect(200);
    expect(links.body).toEqual([expect.objectContaining({ expiresAt: '2030-03-01T00:00:00.000Z' })]);
  });

  it('refuses invitations before any wave is planned', async () => {
    const cycle = await createCycle(t.dataSource);
    const res = await api().post(`/api/cycles/${cycle.id}/invitations`, {});
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/Plan the waves first/);
  });

  it('invites by region or municipality, and never the same member twice', async () => {
    const cycle = await createCycle(t.dataSource);
    await createWave(t.dataSource, cycle.id);
    await createMembers(t.dataSource, cycle.id, 2, { municipalityCode: 461 });
    await createMembers(t.dataSource, cycle.id, 1, { municipalityCode: 101 });
    const byRegion = await api()
      .post(`/api/cycles/${cycle.id}/invitations`, { regionCode: 1084 })
      .expect(201);
    expect(byRegion.body).toMatchObject({ invited: 1, alreadyInvited: 0 });
    const byMunicipality = await api()
      .post(`/api/cycles/${cycle.id}/invitations`, { municipalityCode: 461 })
      .expect(201);
    expect(byMunicipality.body).toMatchObject({ invited: 2, alreadyInvited: 0 });
    const all = await api().post(`/api/cycles/${cycle.id}/invitations`, {}).expect(201);
    expect(all.body).toMatchObject({ invited: 0, alreadyInvited: 3 });
    const bad = await api().post(`/api/cycles/${cycle.id}/invitations`, { regionCode: 'Syddanmark' });
    expect(bad.status).toBe(400);
  });

  it('has the database itself refuse a second active seat and an overbooked seminar', async () => {
    const { seminar } = await plan(1);
    const [m] = await createMembers(t.dataSource, cycleId, 1);
    const seat = await api()
      .post(`/api/seminars/${seminar.id}/registrations`, { memberId: m.id })
      .expect(201);
    const seats = t.dataSource.getRepository(Registration);
    const second = {
      cycleId,
      memberId: m.id,
      seminarId: seminar.id,
      state: 'waitlisted' as const,
      waitlistNumber: 99,
    };
    await expect(seats.insert(second)).rejects.toThrow(/unique|duplicate/i);
    await seats.update(seat.body.id, { state: 'cancelled' });
    await expect(seats.insert(second)).resolves.toBeDefined();
    await expect(t.dataSource.getRepository(Seminar).update(seminar.id, { taken: 2 })).rejects.toThrow(
      /check/i,
    );
  });
});
