import { BackgroundWork } from '../src/common/background-work';
import { AllocationProposal } from '../src/allocation/allocation-proposal.entity';
import { Logger } from '@nestjs/common';
import { CUT_OFF_REASON, MEMORY_REASON, SHUTDOWN_REASON } from '../src/allocation/allocation.service';
import type { MipProgress } from '../src/allocation/solver/mixed-allocation';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import {
  createAllocationScenario,
  createInvitedPartyScenario,
  createInvitedScenario,
  saveSolvingProposal,
} from './factories/allocation.factory';
import { createMembers } from './factories/cycle-members.factory';
import { signedIn, textOf } from './helpers/console';
import { captureIssuedLinks, inviteAndWait } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';
import { waitUntil } from './helpers/wait';

jest.setTimeout(120_000);

const CAPACITIES = { Aalborg: 10, Aarhus: 10, Odense: 10, Roskilde: 10 };

interface Summary {
  placed: number;
  unplacedCount: number;
  kUsed: number | null;
  pUsed: number | null;
  optimality: { engine: string; gapPercent: number; placedProven: boolean; timeLimitHit: boolean };
  rulePrices: { rules: string; placed: number; totalKm: number; extraKm: number | null }[];
  bindingRules: { rule: string; subject: string; text: string }[];
  detours: { memberId: number; seminarId: number; nearestSeminarId: number; reason: string }[];
  replanned: { memberId: number; fromSeminarId: number; toSeminarId: number | null; reason: string }[];
  unplaced: { memberId: number; reason: string }[];
}

describe('Allocation with a party rule', () => {
  let t: TestApp;
  let planner: string;

  const api = {
    get: (path: string) => t.http().get(path).auth(planner, { type: 'bearer' }),
    post: (path: string, body: object = {}) =>
      t.http().post(path).auth(planner, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(planner, { type: 'bearer' }).send(body),
  };

  /** The factory's party scenario (addPartyMembers), invited. */
  const partyScenario = () => createInvitedPartyScenario(t, planner, CAPACITIES);

  /** Seats held per (seminar, party) as the database has them after applying. */
  async function seatsByParty(cycleId: number) {
    const rows: { seminar_id: number; party: string; seats: string | number }[] = await t.dataSource.query(
      `SELECT r.seminar_id, CASE WHEN m.list_letter IN (SELECT letter FROM parties) THEN m.list_letter
              ELSE m.municipality_code || '/' || m.list_letter END AS party, COUNT(*) AS seats
         FROM registrations r JOIN members m ON m.id = r.member_id
        WHERE r.cycle_id = ${Number(cycleId)} AND r.state = 'registered'
        GROUP BY r.seminar_id, party`,
    );
    return rows.map((r) => ({ seminarId: Number(r.seminar_id), party: r.party, seats: Number(r.seats) }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  it('proposes with K and P through the API, proven optimal, priced and explained, and applies it within both rules', async () => {
    const s = await partyScenario();
    const res = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 5, maxPerParty: 5 })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'ready', kUsed: 5, pUsed: 5 });
    const summary = res.body.summary as Summary;
    expect(summary.placed).toBe(29);
    expect(summary.optimality).toMatchObject({
      engine: 'mip',
      gapPercent: 0,
      placedProven: true,
      timeLimitHit: false,
    });
    // 20 of party A for 4 seminars × P = 5: exactly five in each, wherever they live.
    expect(summary.unplacedCount).toBe(0);
    expect(summary.bindingRules).toEqual([]);
    expect(summary.rulePrices.map((p) => p.rules)).toEqual(['none', 'municipality', 'both']);
    const [none, municipality, both] = summary.rulePrices;
    expect(municipality.totalKm).toBeGreaterThan(none.totalKm);
    expect(both.totalKm).toBeGreaterThan(municipality.totalKm);
    expect(both.extraKm).toBeCloseTo(both.totalKm - none.totalKm, 0);
    const partyDetours = summary.detours.filter(
      (d) => d.reason === 'Partigrænsen er nået i det nærmeste seminar',
    );
    expect(partyDetours.length).toBeGreaterThan(0);

    await api.post(`/api/cycles/${s.cycleId}/allocations/${res.body.id}/apply`).expect(200);
    const held = await seatsByParty(s.cycleId);
    expect(held.reduce((n, r) => n + r.seats, 0)).toBe(29);
    for (const row of held) expect(row.seats).toBeLessThanOrEqual(5);
    expect(held.filter((r) => r.party === 'A').map((r) => r.seats)).toEqual([5, 5, 5, 5]);
    // Odense's list L and København's list L are two parties: both sit in Roskilde or Odense.
    expect(
      held
        .filter((r) => r.party.endsWith('/L'))
        .map((r) => r.party)
        .sort(),
    ).toEqual(expect.arrayContaining(['101/L', '461/L']));
  });

  it('explains in Danish which rule binds when P leaves members without a seat', async () => {
    const s = await partyScenario();
    const res = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 10, maxPerParty: 3 })
      .expect(201);
    const summary = res.body.summary as Summary;
    // Party A: 20 members, 4 seminars × 3 = 12 seats.
    expect(summary.placed).toBe(21);
    expect(summary.bindingRules).toEqual([
      {
        rule: 'party_rule',
        subject: 'A',
        members: 20,
        seats: 12,
        text: 'A Socialdemokratiet har 20 medlemmer, men partigrænsen P = 3 giver højst 12 pladser i de seminarer, de kan deltage i.',
      },
    ]);
    expect(new Set(summary.unplaced.map((u) => u.reason))).toEqual(
      new Set(['Ingen ledig plads inden for partigrænsen']),
    );
    expect(summary.unplaced).toHaveLength(8);
  });

  it('takes the default P (a third of the largest seminar) when the party rule is on without one, and no K when the municipality rule is off', async () => {
    const s = await partyScenario();
    const res = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { partyRule: true, municipalityRule: false })
      .expect(201);
    // Seminars of 10 seats: P = ⌈10 / 3⌉ = 4, so party A's 20 members get 4 × 4 = 16 seats.
    expect(res.body).toMatchObject({ status: 'ready', kUsed: null, pUsed: 4 });
    const summary = res.body.summary as Summary;
    expect(summary.placed).toBe(25);
    expect(summary.rulePrices.map((p) => [p.rules, p.placed])).toEqual([
      ['none', 29],
      ['party', 25],
    ]);
    expect(summary.bindingRules.map((b) => b.text)).toEqual([
      'A Socialdemokratiet har 20 medlemmer, men partigrænsen P = 4 giver højst 16 pladser i de seminarer, de kan deltage i.',
    ]);
    expect(summary.detours.map((d) => d.reason)).not.toContain(
      'Kommunegrænsen er nået i det nærmeste seminar',
    );

    await api.post(`/api/cycles/${s.cycleId}/allocations/${res.body.id}/apply`).expect(200);
    for (const row of await seatsByParty(s.cycleId)) expect(row.seats).toBeLessThanOrEqual(4);
    // Without K, Aalborg's seminar takes more of Aalborg (851) than the default K (1 for 10 seats) would.
    const [{ most }] = await t.dataSource.query(
      `SELECT MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM registrations r JOIN members m ON m.id = r.member_id
        WHERE r.cycle_id = ${Number(s.cycleId)} AND r.state = 'registered' AND m.municipality_code = 851
        GROUP BY r.seminar_id) counts`,
    );
    expect(Number(most)).toBeGreaterThan(1);
  });

  it('re-plans after a seminar is cancelled: only its members move, everyone else keeps the seat, and the reason is given', async () => {
    const s = await partyScenario();
    const first = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 5, maxPerParty: 5 })
      .expect(201);
    await api.post(`/api/cycles/${s.cycleId}/allocations/${first.body.id}/apply`).expect(200);
    const seats = () =>
      t.dataSource
        .getRepository(Registration)
        .find({ where: { cycleId: s.cycleId, state: 'registered' }, order: { id: 'ASC' } });
    const before = await seats();
    const aalborg = s.seminars.Aalborg.id;
    const displaced = before
      .filter((r) => r.seminarId === aalborg)
      .map((r) => r.memberId)
      .sort((a, b) => a - b);
    expect(displaced.length).toBeGreaterThan(0);

    await api.patch(`/api/seminars/${aalborg}`, { status: 'cancelled' }).expect(200);
    const replan = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 5, maxPerParty: 5 })
      .expect(201);
    const summary = replan.body.summary as Summary;
    const placements = replan.body.placements as {
      memberId: number;
      seminarId: number;
      fromRegistrationId: number | null;
    }[];
    expect(placements.map((p) => p.memberId).sort((a, b) => a - b)).toEqual(
      displaced.filter((id) => summary.unplaced.every((u) => u.memberId !== id)),
    );
    expect(summary.replanned.map((r) => r.memberId).sort((a, b) => a - b)).toEqual(displaced);
    for (const r of summary.replanned) {
      expect(r).toMatchObject({
        fromSeminarId: aalborg,
        reason: `Seminaret »${s.seminars.Aalborg.title}« er aflyst`,
      });
      expect(r.toSeminarId).not.toBe(aalborg);
    }

    await api.post(`/api/cycles/${s.cycleId}/allocations/${replan.body.id}/apply`).expect(200);
    const after = await seats();
    const kept = before.filter((r) => r.seminarId !== aalborg);
    expect(
      after.filter((r) => kept.some((k) => k.id === r.id)).map((r) => [r.memberId, r.seminarId]),
    ).toEqual(kept.map((r) => [r.memberId, r.seminarId]));
    for (const row of await seatsByParty(s.cycleId)) expect(row.seats).toBeLessThanOrEqual(5);
  });

  it('re-plans a shrink below the seats taken: only the surplus moves, and the seminar shrinks when applied', async () => {
    const s = await partyScenario();
    const first = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 5, maxPerParty: 5 })
      .expect(201);
    await api.post(`/api/cycles/${s.cycleId}/allocations/${first.body.id}/apply`).expect(200);
    const aalborg = s.seminars.Aalborg.id;
    const seminarRow = () => t.dataSource.getRepository(Seminar).findOneByOrFail({ id: aalborg });
    const seats = () =>
      t.dataSource
        .getRepository(Registration)
        .find({ where: { cycleId: s.cycleId, state: 'registered' }, order: { id: 'ASC' } });
    const before = await seats();
    const { taken } = await seminarRow();
    expect(taken).toBeGreaterThan(3);
    const smaller = taken - 3;

    // Planning refuses it directly; the re-plan is the way, and it needs a real shrink.
    await api.patch(`/api/seminars/${aalborg}`, { capacity: smaller }).expect(409);
    await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { replanSeminarId: aalborg, replanCapacity: taken })
      .expect(400)
      .expect((r) => expect(r.body.details).toEqual([expect.objectContaining({ field: 'replanCapacity' })]));

    const replan = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, {
        maxPerMunicipality: 5,
        maxPerParty: 5,
        replanSeminarId: aalborg,
        replanCapacity: smaller,
      })
      .expect(201);
    const summary = replan.body.summary as Summary;
    const placements = replan.body.placements as {
      memberId: number;
      seminarId: number;
      fromRegistrationId: number;
    }[];
    const aalborgSeats = new Map(
      before.filter((r) => r.seminarId === aalborg).map((r) => [r.id, r.memberId]),
    );
    expect(placements).toHaveLength(3);
    for (const p of placements) {
      expect(aalborgSeats.get(p.fromRegistrationId)).toBe(p.memberId);
      expect(p.seminarId).not.toBe(aalborg);
    }
    expect(summary.unplacedCount).toBe(0);
    expect(summary.replanned).toHaveLength(3);
    for (const r of summary.replanned)
      expect(r.reason).toMatch(
        new RegExp(`^Seminaret »${s.seminars.Aalborg.title}« får ${smaller} pladser i stedet for 10; `),
      );
    // Not applied yet: the seminar keeps its capacity.
    await expect(seminarRow()).resolves.toMatchObject({ capacity: 10, taken });

    await api.post(`/api/cycles/${s.cycleId}/allocations/${replan.body.id}/apply`).expect(200);
    await expect(seminarRow()).resolves.toMatchObject({ capacity: smaller, taken: smaller });
    const after = await seats();
    const moved = new Set(placements.map((p) => p.memberId));
    expect(after.filter((r) => !moved.has(r.memberId)).map((r) => [r.id, r.memberId, r.seminarId])).toEqual(
      before.filter((r) => !moved.has(r.memberId)).map((r) => [r.id, r.memberId, r.seminarId]),
    );
    expect(after.filter((r) => moved.has(r.memberId)).map((r) => r.seminarId)).toEqual(
      expect.not.arrayContaining([aalborg]),
    );
    for (const row of await seatsByParty(s.cycleId)) expect(row.seats).toBeLessThanOrEqual(5);
  });

  it('re-plans a cancelled seminar for its members only, leaving others without a seat alone', async () => {
    const s = await partyScenario();
    const first = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { maxPerMunicipality: 5, maxPerParty: 5 })
      .expect(201);
    await api.post(`/api/cycles/${s.cycleId}/allocations/${first.body.id}/apply`).expect(200);
    const late = await createMembers(t.dataSource, s.cycleId, 2, { municipalityCode: 461 });
    await api.post(`/api/cycles/${s.cycleId}/invitations`).expect(201);
    const odense = s.seminars.Odense.id;
    await api
      .post(`/api/cycles/${s.cycleId}/allocations`, { replanSeminarId: odense })
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('allocation.replan_not_cancelled'));
    await api.patch(`/api/seminars/${odense}`, { status: 'cancelled' }).expect(200);
    const replan = await api
      .post(`/api/cycles/${s.cycleId}/allocations`, {
        maxPerMunicipality: 5,
        maxPerParty: 5,
        replanSeminarId: odense,
      })
      .expect(201);
    const summary = replan.body.summary as Summary;
    const placed = (replan.body.placements as { memberId: number }[]).map((p) => p.memberId);
    expect(placed.some((id) => late.some((m) => m.id === id))).toBe(false);
    expect(summary.replanned.length).toBeGreaterThan(0);
    expect(placed.sort((a, b) => a - b)).toEqual(
      summary.replanned
        .filter((r) => r.toSeminarId !== null)
        .map((r) => r.memberId)
        .sort((a, b) => a - b),
    );
  });

  it('fails a proposal left solving by a process that stopped, with the reason, and refuses to apply it', async () => {
    const s = await createAllocationScenario(t.dataSource, { 851: 1 }, CAPACITIES);
    const cutOff = await saveSolvingProposal(t.dataSource, s.cycleId, {
      heartbeatAt: new Date(Date.now() - 60_000),
    });
    const alive = await saveSolvingProposal(t.dataSource, s.cycleId);
    const res = await api.get(`/api/cycles/${s.cycleId}/allocations/${cutOff.id}`).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', error: CUT_OFF_REASON, progress: null });
    expect(CUT_OFF_REASON).toMatch(/afbrudt/);
    await api.post(`/api/cycles/${s.cycleId}/allocations/${cutOff.id}/apply`).expect(409);
    // One with a fresh heartbeat (another instance still working on it) is left alone.
    await api
      .get(`/api/cycles/${s.cycleId}/allocations/${alive.id}`)
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('solving'));
  });
});

describe('A national-size solve in the background', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    // A heartbeat every 50 ms: even a quick solve of this instance lasts many of them.
    t = await startTestApp({ ALLOCATION_INLINE_LIMIT: '5', ALLOCATION_HEARTBEAT_MS: '50' });
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  it('keeps the personal page answering while it solves, shows a heartbeat, and ends ready with its gap', async () => {
    const tokens = captureIssuedLinks(t);
    const s = await createAllocationScenario(
      t.dataSource,
      {},
      { Aalborg: 60, Aarhus: 60, Odense: 60, Roskilde: 60 },
    );
    const codes = [
      101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190, 201, 210,
    ];
    for (const code of [...codes, 851, 860, 813, 751, 461, 265]) {
      s.members.push(
        ...(await createMembers(t.dataSource, s.cycleId, 6, {
          municipalityCode: code,
          listLetter: 'A',
          listName: 'Socialdemokratiet',
        })),
      );
      s.members.push(
        ...(await createMembers(t.dataSource, s.cycleId, 3, {
          municipalityCode: code,
          listLetter: 'V',
          listName: 'Venstre',
        })),
      );
    }
    await inviteAndWait(() => t.http(), s.cycleId, planner);
    const started = await t
      .http()
      .post(`/api/cycles/${s.cycleId}/allocations`)
      .auth(planner, { type: 'bearer' })
      .send({ maxPerMunicipality: 3, maxPerParty: 40 })
      .expect(202);
    const proposal = () =>
      t
        .http()
        .get(`/api/cycles/${s.cycleId}/allocations/${started.body.id}`)
        .auth(planner, { type: 'bearer' })
        .expect(200);

    const page = await t
      .http()
      .get(`/p/${tokens.get(s.members[0].id)}`)
      .expect(200);
    expect(page.text).toContain(s.members[0].name!);
    // The page answered while the solve was still under way: it did not wait for it.
    expect((await proposal()).body.status).toBe('solving');

    // Every read while solving is kept, to see the heartbeat move and the worker's progress arrive.
    const whileSolving: { heartbeatAt: string; progress: MipProgress | null }[] = [];
    const latest = await waitUntil(
      async () => {
        const body = (await proposal()).body;
        if (body.status === 'solving') whileSolving.push(body);
        return body.status === 'solving' ? null : body;
      },
      { timeoutMs: 110_000, what: 'the national-size proposal to be solved', intervalMs: 50 },
    );
    const firstBeat = new Date(started.body.heartbeatAt).getTime();
    expect(whileSolving.some((p) => new Date(p.heartbeatAt).getTime() > firstBeat)).toBe(true);
    // Progress comes from the worker's integer program, as the console shows it.
    const progress = whileSolving.flatMap((p) => (p.progress ? [p.progress] : []));
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress)
      expect(p).toEqual({
        phase: expect.stringMatching(/^(most_placed|least_travel)$/),
        gap: p.gap === null ? null : expect.any(Number),
        seconds: expect.any(Number),
      });
    expect(latest.status).toBe('ready');
    expect(latest.summary.optimality).toMatchObject({ engine: 'mip', gapPercent: 0, placedProven: true });
    expect(latest.summary.placed).toBe(s.members.length);
  });
});

describe('Shutting down during a background solve', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ALLOCATION_INLINE_LIMIT: '1' });
  });
  afterAll(() => t.close());

  it('stops the worker and fails the proposal with the reason instead of holding the exit', async () => {
    const planner = await t.tokenFor('planner');
    const s = await createInvitedScenario(t, planner, { 851: 3, 751: 3 }, CAPACITIES);
    const res = await t
      .http()
      .post(`/api/cycles/${s.cycleId}/allocations`)
      .auth(planner, { type: 'bearer' })
      .send({ maxPerParty: 2 })
      .expect(202);
    // As the app's shutdown does: background work is told to stop, then awaited.
    await t.app.get(BackgroundWork).beforeApplicationShutdown();
    const stored = await t.dataSource.getRepository(AllocationProposal).findOneByOrFail({ id: res.body.id });
    expect(stored).toMatchObject({ status: 'failed', error: SHUTDOWN_REASON });
  });
});

describe('A solve whose worker thread dies', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A heap limit the worker cannot live within: it dies as one that runs out of memory does.
    t = await startTestApp({ ALLOCATION_WORKER_MEMORY_MB: '4' });
  });
  afterAll(() => t.close());

  it('fails the proposal with a Danish reason on the API and the console page, the technical text in the log only', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    const planner = await t.tokenFor('planner');
    const s = await createAllocationScenario(t.dataSource, { 851: 3, 751: 3 }, CAPACITIES);
    await t
      .http()
      .post(`/api/cycles/${s.cycleId}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    // A party rule: solved in the worker even below the inline limit.
    const res = await t
      .http()
      .post(`/api/cycles/${s.cycleId}/allocations`)
      .auth(planner, { type: 'bearer' })
      .send({ maxPerParty: 2 })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'failed', error: MEMORY_REASON, summary: null });
    await expect(
      t.dataSource.getRepository(AllocationProposal).findOneByOrFail({ id: res.body.id }),
    ).resolves.toMatchObject({ status: 'failed', error: MEMORY_REASON });

    const staff = await signedIn(t, 'planner');
    const page = textOf(
      (await staff.get(`/valgperioder/${s.cycleId}/fordeling/${res.body.id}`).expect(200)).text,
    );
    expect(page).toContain(MEMORY_REASON);
    expect(page).not.toMatch(/memory|ERR_WORKER|exit code/i);
    expect(logged.mock.calls.map(([message]) => String(message))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Allocation proposal ${res.body.id} .*memory limit`)),
      ]),
    );
    logged.mockRestore();
  });
});
