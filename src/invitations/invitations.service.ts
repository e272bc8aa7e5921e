import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Member } from '../cycles/member.entity';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { Dialect, isUniqueViolation } from '../database/dialect';
import { hydrated } from '../database/hydrated';
import { ReferenceService } from '../reference/reference.service';
import { requireCycle } from '../planning/waves.service';
import { SeatEventRecorder } from '../registrations/seat-event-recorder';
import { SeatActor } from '../registrations/seat-events';
import { InviteDto } from './dto/invite.dto';
import { Invitation } from './invitation.entity';
import { IssuedInvitation } from './invitation-events';
import { registrationPeriodEnd } from './personal-links';
import { hashPersonalToken, looksLikePersonalToken, newPersonalToken } from './personal-token';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly transactor: Transactor,
    private readonly recorder: SeatEventRecorder,
    private readonly events: DomainEvents,
    private readonly dialect: Dialect,
    private readonly reference: ReferenceService,
  ) {}

  /** How many of these members hold a live invitation. */
  countInvited(m: EntityManager, cycleId: number, memberIds: number[]): Promise<number> {
    return m.countBy(Invitation, {
      cycleId,
      memberId: In(memberIds),
      purpose: 'invitation',
      revokedAt: IsNull(),
    });
  }

  /**
   * Invites those of the batch without a live invitation, in the caller's transaction (one batch
   * of an invitation job); returns how many.
   */
  async inviteBatch(
    m: EntityManager,
    cycleId: number,
    batch: number[],
    expiresAt: Date,
    staffId: number,
  ): Promise<number> {
    const current = new Set(
      (
        await m.find(Invitation, {
          where: { cycleId, memberId: In(batch), purpose: 'invitation', revokedAt: IsNull() },
          select: { memberId: true },
        })
      ).map((row) => row.memberId),
    );
    const fresh = batch.filter((id) => !current.has(id));
    await this.issueNewTokens(m, cycleId, fresh, expiresAt, { kind: 'planner', staffId });
    return fresh.length;
  }

  /** A new link for one member; the old one stops working at once. */
  reissue(cycleId: number, memberId: number, staffId: number) {
    return this.withRaceReported(() => this.reissueNow(cycleId, memberId, staffId));
  }

  private reissueNow(cycleId: number, memberId: number, staffId: number) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Member, { id: memberId, cycleId })))
        throw DomainError.notFound('Member', memberId);
      const issued = await this.issueToken(m, memberId, { kind: 'planner', staffId });
      return { invitationId: issued.invitationId, memberId, expiresAt: issued.expiresAt };
    });
  }

  /** The current links of a cycle, one per invited member (never a token). */
  list(cycleId: number) {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const rows = await m.find(Invitation, {
        where: { cycleId, purpose: 'invitation', revokedAt: IsNull() },
        order: { memberId: 'ASC' },
      });
      return rows.map((i) => ({
        invitationId: i.id,
        memberId: i.memberId,
        issuedAt: i.createdAt,
        expiresAt: i.expiresAt,
      }));
    });
  }

  /**
   * Issues a personal link inside the caller's transaction and returns it: revokes the member's
   * current link, stores only the hash, records an `invitation_issued` event (without the token)
   * and publishes `invitation.issued` with the raw token, which exists nowhere else, so the link
   * is sent in the same transaction.
   */
  async issueToken(m: EntityManager, memberId: number, actor: SeatActor): Promise<IssuedInvitation> {
    const member = await m.findOneBy(Member, { id: memberId });
    if (!member || member.erasedAt) throw DomainError.notFound('Member', memberId);
    const expiresAt = await registrationPeriodEnd(m, member.cycleId);
    // Every live link goes, the invitation and those minted for e-mails alike.
    await m.update(
      Invitation,
      { cycleId: member.cycleId, memberId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    const token = newPersonalToken();
    const invitation = await m.save(
      m.create(Invitation, {
        cycleId: member.cycleId,
        memberId,
        purpose: 'invitation',
        tokenHash: hashPersonalToken(token),
        expiresAt,
        revokedAt: null,
        issuedBy: actor.kind === 'planner' ? actor.staffId : null,
      }),
    );
    await this.recorder.recordIssuedInvitations(m, [
      { cycleId: member.cycleId, memberId, invitationId: invitation.id, actor },
    ]);
    const issued = { invitationId: invitation.id, cycleId: member.cycleId, memberId, token, expiresAt };
    await this.events.publish(m, 'invitation.issued', [issued]);
    return issued;
  }

  /** issueToken for many members at once who hold no current link: a few statements per batch. */
  private async issueNewTokens(
    m: EntityManager,
    cycleId: number,
    memberIds: number[],
    expiresAt: Date,
    actor: SeatActor,
  ): Promise<void> {
    if (memberIds.length === 0) return;
    const issued = memberIds.map((memberId) => {
      const token = newPersonalToken();
      return { memberId, token, tokenHash: hashPersonalToken(token) };
    });
    await m.insert(
      Invitation,
      issued.map(({ memberId, tokenHash }) => ({
        cycleId,
        memberId,
        purpose: 'invitation' as const,
        tokenHash,
        expiresAt,
        revokedAt: null,
        issuedBy: actor.kind === 'planner' ? actor.staffId : null,
      })),
    );
    const saved = await m.find(Invitation, {
      where: { tokenHash: In(issued.map((i) => i.tokenHash)) },
      select: { id: true, tokenHash: true },
    });
    const idOf = new Map(saved.map((row) => [row.tokenHash, row.id]));
    await this.recorder.recordIssuedInvitations(
      m,
      issued.map(({ memberId, tokenHash }) => ({
        cycleId,
        memberId,
        invitationId: idOf.get(tokenHash)!,
        actor,
      })),
    );
    await this.events.publish(
      m,
      'invitation.issued',
      issued.map(({ memberId, token, tokenHash }) => ({
        invitationId: idOf.get(tokenHash)!,
        cycleId,
        memberId,
        token,
        expiresAt,
      })),
    );
  }

  /**
   * The member a personal link belongs to, or null for a wrong, expired or replaced link.
   * `tokenHash`: the token's hash, when the caller has made it already.
   */
  async resolve(token: string, tokenHash = hashPersonalToken(token)): Promise<Member | null> {
    if (!looksLikePersonalToken(token)) return null;
    // One plain statement for the link and its member (the municipality is reference data held in
    // memory): every request behind a personal link runs it, a booking in a rush too.
    const found = await this.transactor.read(async (m) => {
      const { rows } = await this.dialect.raw<Record<string, unknown>>(
        m,
        `SELECT m.*, i.id AS invitation_id, i.opened_at AS invitation_opened_at
         FROM invitations i JOIN members m ON m.id = i.member_id
         WHERE i.token_hash = :tokenHash AND i.revoked_at IS NULL AND i.expires_at > :now
           AND m.erased_at IS NULL`,
        { tokenHash, now: new Date() },
      );
      const [row] = rows;
      if (!row) return null;
      const member = hydrated(m, Member, row);
      member.municipality = await this.reference.getMunicipality(member.municipalityCode);
      return { member, invitation: { id: Number(row.invitation_id), openedAt: row.invitation_opened_at } };
    });
    if (!found) return null;
    // Written once, the first time the link is opened; every later open is a read only. A plain
    // statement: TypeORM's update writes the id into its text on SQLite, a new statement per link.
    if (!found.invitation.openedAt) {
      await this.transactor.run((m) =>
        this.dialect.raw(m, 'UPDATE invitations SET opened_at = :now WHERE id = :id AND opened_at IS NULL', {
          id: found.invitation.id,
          now: new Date(),
        }),
      );
    }
    return found.member;
  }

  private async withRaceReported<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw raceReported(error);
    }
  }
}

/** Whether a write failed because another invitation for the same member was issued at the same moment. */
export function racedAnotherInvitation(error: unknown): boolean {
  return isUniqueViolation(error, {
    name: 'uq_invitations_current',
    columns: 'invitations.cycle_id, invitations.member_id',
  });
}

/** Two planners inviting the same members at once on PostgreSQL: one wins, the other is told to retry. */
export function raceReported(error: unknown): unknown {
  if (!racedAnotherInvitation(error)) return error;
  return new DomainError(
    'conflict',
    'invitation.issued_meanwhile',
    'Another invitation for these members was issued at the same moment; try again',
  );
}

/** The newly elected, not erased members of a cycle that the filter selects, by id. */
export async function selectMembers(m: EntityManager, cycleId: number, filter: InviteDto): Promise<number[]> {
  const query = m
    .createQueryBuilder(Member, 'member')
    .innerJoin('member.municipality', 'municipality')
    .select('member.id', 'id')
    .where('member.cycle_id = :cycleId', { cycleId })
    .andWhere('member.newly_elected = :yes', { yes: true })
    .andWhere('member.erased_at IS NULL')
    .orderBy('member.id');
  if (filter.municipalityCode !== undefined) {
    query.andWhere('member.municipality_code = :code', { code: filter.municipalityCode });
  }
  if (filter.regionCode !== undefined) {
    query.andWhere('municipality.region_code = :region', { region: filter.regionCode });
  }
  return (await query.getRawMany<{ id: number }>()).map((row) => Number(row.id));
}
