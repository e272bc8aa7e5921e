import * as workers from '../src/allocation/solve-in-worker';
import { CRASH_REASON } from '../src/allocation/allocation.service';
import { MemberPreference } from '../src/registrations/member-preference.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { Registration } from '../src/registrations/registration.entity';
import { Seminar } from '../src/planning/seminar.entity';
import {
  AllocationScenario,
  createAllocationScenario,
  createInvitedScenario,
} from './factories/allocation.factory';
import { createMembers } from './factories/cycle-members.factory';
import { startTestApp, TestApp } from './helpers/test-app';
import { waitUntil } from './helpers/wait';

jest.setTimeout(60_000);

const NORDJYLLAND = [851, 860, 813];
const MEMBERS = { 851: 4, 860: 4, 813: 4, 751: 3, 461: 3, 265: 3, 101: 4 };
const CAPACITIES = { Aalborg: 10, Aarhus: 8, Odense: 8, Roskilde: 8 };

interface Summary {
  members: number;
  placed: number;
  unplacedCount: number;
  totalKm: number;
  averageKm: number;
  kUsed: number;
  longestTrips: { memberId: number; municipality: string; km: number }[];
  seminars: {
    seminarId: number;
    capacity: number;
    seated: number;
    proposed: number;
    fillRate: number;
    municipalities: { code: number; seated: number; proposed: number }[];
  }[];
  moves: { memberId: number; fromSeminarId: number; toSeminarId: number }[];
  unplaced: { memberId: number; reason: string }[];
}

describe('Allocation API', () => {
  let t: TestApp;
  let planner: string;
  let s: AllocationScenario;

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object = {}) => t.http().post(path).auth(token, { type: 'bearer' }).send(body),
  });
  const api = () => as(planner);
  const base = () => `/api/cycles/${s.cycleId}/allocations`;
  const municipalityOf = (memberId: number) => s.members.find((m) => m.id === memberId)!.municipalityCode;
  const activeSeats = () =>
    t.dataSource.getRepository(Registration).countBy({ cycleId: s.cycleId, state: 'registered' });

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    s = await createAllocationScenario(t.dataSource, MEMBERS, CAPACITIES);
    // One who cannot make any of the dates, and one not invited (re-elected).
    const [cannot] = await createMembers(t.dataSource, s.cycleId, 1, { municipalityCode: 461 });
    await t.dataSource.getRepository(MemberPreference).save(
      Object.values(s.seminars).map((seminar) => ({
        cycleId: s.cycleId,
        memberId: cannot.id,
        seminarId: seminar.id,
        rank: null,
        excluded: true,
      })),
    );
    s.members.push(cannot);
    await createMembers(t.dataSource, s.cycleId, 1, { municipalityCode: 461, newlyElected: false });
    await api().post(`/api/cycles/${s.cycleId}/invitations`).expect(201);
  });
  afterAll(() => t.close());

  it('proposes with the default K and names who cannot be placed, in Danish', async () => {
    const res = await api().post(base(), { waveId: s.waveId }).expect(201);
    expect(res.body.status).toBe('ready');
    const summary = res.body.summary as Summary;
    expect(summary.members).toBe(26);
    expect(summary.placed).toBe(25);
    expect(summary.kUsed).toBe(1); // default for 10 seats: floor(10 / 8)
    expect(summary.unplaced).toEqual([
      {
        memberId: s.members[25].id,
        name: s.members[25].name,
        municipality: 'Odense',
        reason: 'Alle seminarer er fravalgt',
      },
    ]);
    // Names are looked up when shown, not stored with the proposal (erasure must reach them).
    const [stored] = await t.dataSource.query(
      `SELECT summary FROM allocation_proposals WHERE id = ${res.body.id}`,
    );
    expect(stored.summary).not.toContain(s.members[25].name);
    await api().post(`${base()}/${res.body.id}/discard`).expect(200);
  });

  it('honours a given K and keeps Nordjylland out of Roskilde while Aalborg has room', async () => {
    const res = await api().post(base(), { maxPerMunicipality: 3 }).expect(201);
    const summary = res.body.summary as Summary;
    const placements = res.body.placements as { memberId: number; seminarId: number }[];
    expect(summary.kUsed).toBe(3);
    expect(summary.placed).toBe(25);
    const inRoskilde = placements.filter((p) => p.seminarId === s.seminars.Roskilde.id);
    expect(inRoskilde.map((p) => municipalityOf(p.memberId)).filter((c) => NORDJYLLAND.includes(c))).toEqual(
      [],
    );
    const aalborg = summary.seminars.find((x) => x.seminarId === s.seminars.Aalborg.id)!;
    expect(aalborg.proposed).toBe(9); // 3 from each of the three northern municipalities
    for (const seminar of summary.seminars) {
      for (const m of seminar.municipalities) expect(m.seated + m.proposed).toBeLessThanOrEqual(3);
      expect(seminar.seated + seminar.proposed).toBeLessThanOrEqual(seminar.capacity);
    }
    expect(summary.longestTrips.length).toBe(10);
    // Worked out by hand from seeds/reference (town hall) and the venues (factory), great-circle km:
    // 3 × (Aalborg 4.73 + Hjørring 46.15 + Frederikshavn 50.90) to Aalborg, the fourth of each
    // to Aarhus (96.38 + 144.74 + 141.07); Aarhus 3 × 3.43; Odense 3 × 2.25; Roskilde 3 × 1.55;
    // København 3 × 29.93 to Roskilde and the fourth to Odense 139.57 (K = 3 keeps it out of
    // Roskilde): 938.58 km for 25 placed, 37.54 km each.
    expect(summary.totalKm).toBe(938.6);
    expect(summary.averageKm).toBe(37.5);
    await api().post(`${base()}/${res.body.id}/discard`).expect(200);
  });

  it('refuses a proposal that went stale (someone booked meanwhile) and applies nothing', async () => {
    const proposal = await api().post(base(), { maxPerMunicipality: 3 }).expect(201);
    const booker = s.members.find((m) => m.municipalityCode === 101)!;
    await api()
      .post(`/api/seminars/${s.seminars.Roskilde.id}/registrations`, { memberId: booker.id })
      .expect(201);
    const refused = await api().post(`${base()}/${proposal.body.id}/apply`).expect(409);
    expect(refused.body.message).toContain(`seminar ${s.seminars.Roskilde.id} seats taken 0 → 1`);
    expect(refused.body.message).toContain(`members who got a seat meanwhile: ${booker.id}`);
    await expect(activeSeats()).resolves.toBe(1);
    const got = await api().get(`${base()}/${proposal.body.id}`).expect(200);
    expect(got.body.status).toBe('ready');
  });

  it('refuses a proposal whose seminar capacity changed since', async () => {
    const proposal = await api().post(base(), { maxPerMunicipality: 3 }).expect(201);
    await t
      .http()
      .patch(`/api/seminars/${s.seminars.Odense.id}`)
      .auth(planner, { type: 'bearer' })
      .send({ capacity: 9 })
      .expect(200);
    const refused = await api().post(`${base()}/${proposal.body.id}/apply`).expect(409);
    expect(refused.body.message).toContain(`seminar ${s.seminars.Odense.id} capacity 8 → 9`);
    await expect(activeSeats()).resolves.toBe(1);
    await t
      .http()
      .patch(`/api/seminars/${s.seminars.Odense.id}`)
      .auth(planner, { type: 'bearer' })
      .send({ capacity: 8 })
      .expect(200);
  });

  it('applies a fresh proposal as seats through the seat rules, once', async () => {
    const proposal = await api().post(base(), { maxPerMunicipality: 3 }).expect(201);
    const placements = proposal.body.placements as { memberId: number; seminarId: number }[];
    expect(placements).toHaveLength(24);
    // Two planners press apply at the same moment: one wins, the other is told it is applied.
    const [first, second] = await Promise.all([
      api().post(`${base()}/${proposal.body.id}/apply`),
      api().post(`${base()}/${proposal.body.id}/apply`),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect((first.status === 200 ? first : second).body.status).toBe('applied');

    await expect(activeSeats()).resolves.toBe(25);
    const seats = await t.dataSource
      .getRepository(Registration)
      .findBy({ cycleId: s.cycleId, state: 'registered' });
    for (const p of placements) {
      expect(seats.find((seat) => seat.memberId === p.memberId)?.seminarId).toBe(p.seminarId);
    }
    const seminars = await t.dataSource.getRepository(Seminar).findBy({ cycleId: s.cycleId });
    for (const seminar of seminars) {
      expect(seminar.taken).toBe(seats.filter((seat) => seat.seminarId === seminar.id).length);
    }
    const events = await t.dataSource
      .getRepository(RegistrationEvent)
      .findBy({ cycleId: s.cycleId, kind: 'registered', actor: 'planner' });
    expect(events).toHaveLength(25); // 24 applied + the one booked by the planner

    const again = await api().post(`${base()}/${proposal.body.id}/apply`).expect(409);
    expect(again.body.message).toContain('applied already');
    await expect(activeSeats()).resolves.toBe(25);
  });

  it('does not apply a discarded proposal', async () => {
    const proposal = await api().post(base(), {}).expect(201);
    expect(proposal.body.summary.members).toBe(1); // only the one who excluded everything is left
    await api().post(`${base()}/${proposal.body.id}/discard`).expect(200);
    await api().post(`${base()}/${proposal.body.id}/apply`).expect(409);
    const list = await api().get(base()).expect(200);
    expect(list.body[0]).toMatchObject({ id: proposal.body.id, status: 'discarded' });
    expect(list.body.map((p: { status: string }) => p.status)).toContain('applied');
  });

  it('rebalances: a seated member far from home is moved nearer', async () => {
    const far = s.members.find((m) => m.municipalityCode === 851)!;
    const seat = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: far.id, state: 'registered' });
    // Move the Aalborg member to Roskilde (which has room) and ask for a rebalance.
    await api().post(`/api/registrations/${seat.id}/move`, { seminarId: s.seminars.Roskilde.id }).expect(200);
    const proposal = await api().post(base(), { rebalance: true, maxPerMunicipality: 3 }).expect(201);
    const summary = proposal.body.summary as Summary;
    expect(summary.moves).toContainEqual(
      expect.objectContaining({
        memberId: far.id,
        fromSeminarId: s.seminars.Roskilde.id,
        toSeminarId: s.seminars.Aalborg.id,
      }),
    );
    await api().post(`${base()}/${proposal.body.id}/apply`).expect(200);
    const now = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: far.id, state: 'registered' });
    expect(now.seminarId).toBe(s.seminars.Aalborg.id);
    const events = await t.dataSource.getRepository(RegistrationEvent).find({
      where: { memberId: far.id },
      order: { id: 'DESC' },
      take: 2,
    });
    expect(events.map((e) => [e.kind, e.seminarId, e.actor])).toEqual([
      ['moved', s.seminars.Aalborg.id, 'planner'],
      ['moved_away', s.seminars.Roskilde.id, 'planner'],
    ]);
    await expect(activeSeats()).resolves.toBe(25);
  });

  it('answers 401 without a token and 403 for KL', async () => {
    await t.http().post(base()).send({}).expect(401);
    await t.http().get(base()).expect(401);
    const kl = await t.tokenFor('kl');
    await as(kl).post(base(), {}).expect(403);
    await as(kl).get(base()).expect(403);
  });

  it('answers 404 for an unknown cycle, wave or proposal', async () => {
    await api().post('/api/cycles/999999/allocations', {}).expect(404);
    await api().get('/api/cycles/999999/allocations').expect(404);
    await api().post(base(), { waveId: 999999 }).expect(404);
    await api().get(`${base()}/999999`).expect(404);
    await api().post(`${base()}/999999/apply`).expect(404);
    await api().post(`${base()}/999999/discard`).expect(404);
  });

  it('answers 400 naming the field for bad input, and stores nothing', async () => {
    const before = (await api().get(base()).expect(200)).body.length;
    const zero = await api().post(base(), { maxPerMunicipality: 0 }).expect(400);
    expect(JSON.stringify(zero.body)).toContain('maxPerMunicipality');
    await api()
      .post(base(), { preferenceBonusKm: [-5] })
      .expect(400);
    await api().post(base(), { rebalance: 'yes' }).expect(400);
    await api().post(base(), { capacity: 3 }).expect(400);
    await expect(
      api()
        .get(base())
        .then((r) => r.body.length),
    ).resolves.toBe(before);
  });
});

describe('Allocation API, large inputs', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp({ ALLOCATION_INLINE_LIMIT: '5' });
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  /** Polls until the proposal is solved or failed (a worker thread takes a moment to start). */
  async function settled(cycleId: number, id: number) {
    const res = await waitUntil(
      async () => {
        const answer = await t
          .http()
          .get(`/api/cycles/${cycleId}/allocations/${id}`)
          .auth(planner, { type: 'bearer' })
          .expect(200);
        return answer.body.status === 'solving' ? null : answer;
      },
      { timeoutMs: 60_000, what: `proposal ${id} to be solved`, intervalMs: 50 },
    );
    return res.body;
  }

  it('shows a proposal that failed to solve as failed', async () => {
    const s = await createInvitedScenario(t, planner, { 461: 6 }, CAPACITIES);
    const broken = jest.spyOn(workers, 'solveInWorker').mockRejectedValue(new Error('solver broke'));
    try {
      const res = await t
        .http()
        .post(`/api/cycles/${s.cycleId}/allocations`)
        .auth(planner, { type: 'bearer' })
        .send({})
        .expect(202);
      const proposal = await settled(s.cycleId, res.body.id);
      // The planner reads a Danish reason; the error's own text is for the log.
      expect(proposal).toMatchObject({ status: 'failed', error: CRASH_REASON, summary: null });
      await t
        .http()
        .post(`/api/cycles/${s.cycleId}/allocations/${res.body.id}/apply`)
        .auth(planner, { type: 'bearer' })
        .expect(409);
    } finally {
      broken.mockRestore();
    }
  });

  it('answers 202 and solves in the background', async () => {
    const s = await createInvitedScenario(t, planner, { 851: 4, 751: 4 }, CAPACITIES);
    const res = await t
      .http()
      .post(`/api/cycles/${s.cycleId}/allocations`)
      .auth(planner, { type: 'bearer' })
      .send({ maxPerMunicipality: 4 })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'solving', summary: null });
    const proposal = await settled(s.cycleId, res.body.id);
    expect(proposal.status).toBe('ready');
    expect(proposal.summary.placed).toBe(8);
    const placements = proposal.placements as { memberId: number; seminarId: number }[];
    const aalborgMembers = s.members.filter((m) => m.municipalityCode === 851).map((m) => m.id);
    expect(placements.filter((p) => aalborgMembers.includes(p.memberId)).map((p) => p.seminarId)).toEqual(
      Array(4).fill(s.seminars.Aalborg.id),
    );
  });
});
