import { Member } from '../src/cycles/member.entity';
import { ParticipationService } from '../src/invitations/participation.service';
import { Decline } from '../src/invitations/decline.entity';
import { Invitation } from '../src/invitations/invitation.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { invite, seat, statisticsFixture, StatisticsFixture } from './factories/statistics.factory';
import { signedIn, textOf } from './helpers/console';
import { startTestApp, TestApp } from './helpers/test-app';

/** The cells of a table's body rows, as text. */
function rows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)![1];
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1])),
  );
}

describe('Console: Overblik', () => {
  let t: TestApp;
  let f: StatisticsFixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await statisticsFixture(t.dataSource);
  });
  afterAll(() => t.close());

  it("shows the working cycle's funnel, seats per wave and failed e-mails (the fixture's hand count)", async () => {
    const [member] = await t.dataSource
      .getRepository(Member)
      .find({ where: { cycleId: f.cycle.id }, take: 1 });
    await t.dataSource.getRepository(OutboxMessage).insert({
      key: 'invitation:test:1',
      kind: 'invitation',
      recipientEmail: 'forkert@kommune.test',
      recipientName: 'Test',
      memberId: member.id,
      subject: 'Invitation',
      html: '<p>x</p>',
      text: 'x',
      status: 'failed',
      attempts: 1,
      nextAttemptAt: new Date(),
      lastError: '550 no such user',
    });
    const planner = await signedIn(t, 'planner');
    const page = await planner.get('/oversigt').expect(200);
    const text = textOf(page.text);
    expect(text).toContain(`Overblik over ${f.cycle.code}`);
    // 8 members, 5 invited: a2 and r2 never were, r1 has a seat without; o1, o2, o3 and r1 hold seats; o4 waits; a1 cancelled.
    for (const figure of [
      'Medlemmer 8',
      'Inviteret 5',
      'Ikke inviteret 2',
      'Ikke svaret 0',
      'Tilmeldt 4',
      'På venteliste 1',
      'Meldt afbud 1',
    ])
      expect(text).toContain(`${figure} – vis dem`);
    expect(page.text.replace(/&#x3D;/g, '=')).toContain(
      `href="/valgperioder/${f.cycle.id}/medlemmer?status=waitlisted"`,
    );
    expect(rows(page.text, 'table-waves')).toEqual([
      ['Periode 1', '2', '5', '4', '1', '1'],
      ['Periode 2', '1', '25', '0', '25', '0'],
    ]);
    expect(text).toContain('1 e-mail kunne ikke leveres.');
  });

  it("counts in the member list's status filter what the funnel counts, status by status", async () => {
    const planner = await signedIn(t, 'planner');
    const { counts, items } = await t.app.get(ParticipationService).participation(f.cycle.id);
    const listed = async (status: string) => {
      const text = textOf(
        (await planner.get(`/valgperioder/${f.cycle.id}/medlemmer`).query({ status }).expect(200)).text,
      );
      if (text.includes('Ingen medlemmer passer')) return 0;
      if (text.includes('Viser 1 medlem.')) return 1;
      return Number(/af (\d+) medlemmer/.exec(text)?.[1]);
    };
    for (const status of ['not_invited', 'not_answered', 'waitlisted', 'cancelled', 'attended', 'no_show'])
      expect([status, await listed(status)]).toEqual([status, counts[status]]);
    expect(await listed('registered')).toBe(counts.registered + counts.attended + counts.no_show);
    expect(await listed('invited')).toBe(items.filter((i) => i.invitedAt !== null).length);
  });

  it('counts as the member list does: invited without an answer, declines, revoked invitations, a seat after a cancellation', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource));
    const [waiting1, waiting2, declinedInvited, declinedOnly, revoked, seatedUninvited, again, cancelled] =
      await createMembers(t.dataSource, cycle.id, 10, { municipalityCode: 461 });
    for (const m of [waiting1, waiting2, declinedInvited, revoked, again, cancelled])
      await invite(t.dataSource, m);
    await t.dataSource.getRepository(Invitation).update({ memberId: revoked.id }, { revokedAt: new Date() });
    for (const m of [declinedInvited, declinedOnly])
      await t.dataSource.getRepository(Decline).insert({ cycleId: cycle.id, memberId: m.id, reason: null });
    await seat(t.dataSource, seatedUninvited, seminar, 'registered');
    await seat(t.dataSource, again, seminar, 'cancelled');
    await seat(t.dataSource, again, seminar, 'waitlisted');
    await seat(t.dataSource, cancelled, seminar, 'cancelled');

    const service = t.app.get(ParticipationService);
    const { counts, items } = await service.participation(cycle.id);
    const funnel = await service.funnelCounts(cycle.id);
    expect(funnel.counts).toEqual(counts);
    expect(funnel.invited).toBe(items.filter((i) => i.invitedAt !== null).length);
    // 10 members: 2 waiting for an answer, 2 declined, 1 registered, 1 waitlisted, 1 cancelled,
    // and 3 never invited (the revoked one among them).
    expect(funnel).toEqual({
      invited: 5,
      counts: {
        not_invited: 3,
        not_answered: 2,
        declined: 2,
        registered: 1,
        waitlisted: 1,
        cancelled: 1,
        attended: 0,
        no_show: 0,
      },
    });
  });
});
