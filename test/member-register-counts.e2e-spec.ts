import { CLI_CALLER } from '../src/cycles/caller';
import { Member } from '../src/cycles/member.entity';
import { Decline } from '../src/invitations/decline.entity';
import { DeclinesService } from '../src/invitations/declines.service';
import { participationStatus } from '../src/invitations/participation';
import { Invitation } from '../src/invitations/invitation.entity';
import { REGISTER_STATUSES, WAVE_STATUSES } from '../src/invitations/member-register';
import { MemberRegisterService } from '../src/invitations/member-register.service';
import { Registration } from '../src/registrations/registration.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { inviteAndWait } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The board's counts of all statuses in one statement (MemberRegisterService.counts) against the
 * member list behind each count: the same members, status by status, with and without a wave.
 */
describe(MemberRegisterService.name, () => {
  let t: TestApp;
  let sut: MemberRegisterService;
  let cycleId: number;
  let waveId: number;

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(MemberRegisterService);
    cycleId = (await createCycle(t.dataSource)).id;
    const first = await createWave(t.dataSource, cycleId);
    const second = await createWave(t.dataSource, cycleId, { name: 'Periode 2' });
    waveId = first.id;
    const small = await createSeminar(t.dataSource, first, await createVenue(t.dataSource), { capacity: 1 });
    const other = await createSeminar(
      t.dataSource,
      second,
      await createVenue(t.dataSource, { town: 'Vejle' }),
    );
    const members: Member[] = [
      ...(await createMembers(t.dataSource, cycleId, 8)),
      ...(await createMembers(t.dataSource, cycleId, 3, { municipalityCode: 851 })),
    ];
    await inviteAndWait(t.http, cycleId, await t.tokenFor('planner'));
    await createMembers(t.dataSource, cycleId, 2); // not invited
    const seats = t.app.get(SeatService);
    const system = { kind: 'system' } as const;
    const [registered, waiting, cancelled, declined, cancelledThenDeclined, attended, noShow, elsewhere] =
      members;
    await seats.register(registered.id, small.id, system);
    await seats.register(waiting.id, small.id, system);
    await seats.cancel((await seats.register(cancelled.id, other.id, system)).id, system);
    await t.app.get(DeclinesService).decline(declined, 'Barsel');
    await seats.cancel((await seats.register(cancelledThenDeclined.id, small.id, system)).id, system);
    await t.app.get(DeclinesService).decline(cancelledThenDeclined, 'Rejse');
    for (const [member, state] of [
      [attended, 'attended'],
      [noShow, 'no_show'],
    ] as const) {
      const seat = await seats.register(member.id, other.id, system);
      await t.dataSource.getRepository(Registration).update(seat.id, { state });
    }
    await seats.register(elsewhere.id, other.id, system);
    await t.dataSource
      .getRepository(Invitation)
      .update({ memberId: members[9].id, purpose: 'invitation' }, { openedAt: new Date() });
  });
  afterAll(() => t.close());

  it.each([
    ['the cycle', {}],
    ['one municipality', { municipality: 461 }],
    ['one region', { region: 1081 }],
  ])('counts each status of %s as its list does', async (_, filter) => {
    const counts = await sut.counts(cycleId, filter, CLI_CALLER, REGISTER_STATUSES);
    for (const status of REGISTER_STATUSES) {
      const list = await sut.page(cycleId, { ...filter, status }, CLI_CALLER, 1, 100);
      expect([status, counts.get(status)]).toEqual([status, list.total]);
    }
    expect(counts.get('invited')).toBeGreaterThan(0);
  });

  it("counts each status of one wave's seats as its list does", async () => {
    const counts = await sut.counts(cycleId, { waveId }, CLI_CALLER, WAVE_STATUSES);
    for (const status of WAVE_STATUSES) {
      const list = await sut.page(cycleId, { waveId, status }, CLI_CALLER, 1, 100);
      expect([status, counts.get(status)]).toEqual([status, list.total]);
    }
    expect([...counts.values()]).toEqual([1, 1, 1, 0, 0]);
  });

  /** Each member's status as participationStatus() decides it from their rows, beside the stored one. */
  async function statuses() {
    const [members, links, seats, declines] = await Promise.all([
      t.dataSource.getRepository(Member).find({ where: { cycleId }, order: { id: 'ASC' } }),
      t.dataSource.getRepository(Invitation).find({ where: { cycleId } }),
      t.dataSource.getRepository(Registration).find({ where: { cycleId }, order: { id: 'DESC' } }),
      t.dataSource.getRepository(Decline).find({ where: { cycleId } }),
    ]);
    const listed = (await sut.page(cycleId, {}, CLI_CALLER, 1, 100)).rows;
    const stored: Array<{ invited: unknown; opened: unknown }> = await t.dataSource.query(
      `SELECT invited, opened FROM members WHERE cycle_id = ${cycleId} ORDER BY id`,
    );
    return members.map((member, i) => {
      const own = links.filter((l) => l.memberId === member.id && l.purpose === 'invitation');
      const invited = own.some((l) => l.revokedAt === null);
      return {
        member: member.id,
        expected: {
          status: participationStatus(
            invited,
            seats.filter((seat) => seat.memberId === member.id),
            declines.some((d) => d.memberId === member.id),
          ),
          invited,
          opened: own.some((l) => l.openedAt !== null),
        },
        stored: {
          status: listed.find((row) => row.id === member.id)!.status,
          invited: Boolean(stored[i].invited),
          opened: Boolean(stored[i].opened),
        },
      };
    });
  }

  it("keeps each member's status as their invitations, seats and declines decide it, through every change", async () => {
    const before = await statuses();
    for (const { expected, stored } of before) expect(stored).toEqual(expected);
    expect(new Set(before.map((s) => s.stored.status)).size).toBe(8);
    // A decline taken back (a delete), an invitation revoked and a seat deleted (as erasure does).
    const [, , cancelled, declined] = await t.dataSource
      .getRepository(Member)
      .find({ where: { cycleId }, order: { id: 'ASC' }, take: 4 });
    await t.dataSource.getRepository(Decline).delete({ memberId: declined.id });
    await t.dataSource
      .getRepository(Invitation)
      .update({ memberId: declined.id, purpose: 'invitation' }, { revokedAt: new Date() });
    await t.dataSource.getRepository(Registration).delete({ memberId: cancelled.id });
    const after = await statuses();
    for (const { expected, stored } of after) expect(stored).toEqual(expected);
    expect(after.find((s) => s.member === declined.id)!.stored.status).toBe('not_invited');
    expect(after.find((s) => s.member === cancelled.id)!.stored.status).toBe('not_answered');
  });
});
