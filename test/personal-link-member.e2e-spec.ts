import { Member } from '../src/cycles/member.entity';
import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationsService } from '../src/invitations/invitations.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { captureIssuedLinks, inviteAndWait } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The member behind a personal link is read with one plain statement and hydrated by hand (the
 * hot path of every personal page and booking): it must be the member exactly as TypeORM reads
 * it, on either engine, and a link that no longer works must open nothing.
 */
describe('The member a personal link opens', () => {
  let t: TestApp;
  let tokens: Map<number, string>;
  let members: Member[];

  beforeAll(async () => {
    t = await startTestApp();
    tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    // Invitations need a wave to register in.
    await createSeminar(
      t.dataSource,
      await createWave(t.dataSource, cycle.id),
      await createVenue(t.dataSource),
    );
    members = await createMembers(t.dataSource, cycle.id, 3);
    await inviteAndWait(() => t.http(), cycle.id, await t.tokenFor('planner'));
    // Changed after the invitation (which goes to the newly elected): an edited member opens as stored.
    await t.dataSource
      .getRepository(Member)
      .update(members[0].id, { newlyElected: false, phone: '+45 12 34 56 78' });
  });
  afterAll(() => t.close());

  const resolve = (memberId: number) => t.app.get(InvitationsService).resolve(tokens.get(memberId)!);

  it('is the member as stored, every column converted, with the municipality', async () => {
    for (const member of members) {
      const stored = await t.dataSource
        .getRepository(Member)
        .findOneOrFail({ where: { id: member.id }, relations: { municipality: true } });
      expect(await resolve(member.id)).toEqual(stored);
    }
  });

  it('opens nothing for an expired or a revoked link, nor for an erased member', async () => {
    const links = t.dataSource.getRepository(Invitation);
    await links.update({ memberId: members[0].id }, { expiresAt: new Date(Date.now() - 1000) });
    await links.update({ memberId: members[1].id }, { revokedAt: new Date() });
    await t.dataSource.getRepository(Member).update(members[2].id, { erasedAt: new Date() });
    for (const member of members) await expect(resolve(member.id)).resolves.toBeNull();
  });
});
