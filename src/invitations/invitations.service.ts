import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { isUniqueViolation } from '../database/unique-violation';
import { Wave } from '../planning/wave.entity';
import { requireCycle } from '../planning/waves.service';
import { SeatActor, SeatEventRecorder } from '../registrations/seat-event-recorder';
import { InviteDto } from './dto/invite.dto';
import { Invitation } from './invitation.entity';
import { InvitationDelivery, IssuedInvitation } from './invitation-delivery';
import { hashPersonalToken, looksLikePersonalToken, newPersonalToken } from './personal-token';

export interface InviteResult {
  invited: number;
  alreadyInvited: number;
  expiresAt: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly transactor: Transactor,
    private readonly events: SeatEventRecorder,
    private readonly delivery: InvitationDelivery,
  ) {}

  /** Invites the newly elected members of a cycle that have no valid link yet, in one transaction. */
  invite(cycleId: number, filter: InviteDto, staffId: number): Promise<InviteResult> {
    return this.withRaceReported(() => this.inviteNow(cycleId, filter, staffId));
  }

  private inviteNow(cycleId: number, filter: InviteDto, staffId: number): Promise<InviteResult> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const expiresAt = await this.registrationPeriodEnd(m, cycleId);
      const query = m
        .createQueryBuilder(Member, 'member')
        .innerJoin('member.municipality', 'municipality')
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
      const members = await query.getMany();
      const current = new Set(
        (
          await m.find(Invitation, { where: { cycleId, revokedAt: IsNull() }, select: { memberId: true } })
        ).map((i) => i.memberId),
      );
      const fresh = members.filter((mb) => !current.has(mb.id));
      for (let i = 0; i < fresh.length; i += 200) {
        await this.issueNewTokens(m, cycleId, fresh.slice(i, i + 200), expiresAt, {
          kind: 'planner',
          staffId,
        });
      }
      return {
        invited: fresh.length,
        alreadyInvited: members.length - fresh.length,
        expiresAt: expiresAt.toISOString(),
      };
    });
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
      await this.delivery.deliver(m, issued);
      return { invitationId: issued.invitationId, memberId, expiresAt: issued.expiresAt };
    });
  }

  /** The current links of a cycle, one per invited member (never a token). */
  list(cycleId: number) {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const rows = await m.find(Invitation, {
        where: { cycleId, revokedAt: IsNull() },
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
   * Issues a personal link inside the caller's transaction and returns it with the raw token,
   * which exists nowhere else: revokes the member's current link, stores only the hash and records
   * an `invitation_issued` event (without the token). Whoever calls this sends the link in the
   * same transaction; the planner's invite and re-issue hand it to InvitationDelivery.
   */
  async issueToken(m: EntityManager, memberId: number, actor: SeatActor): Promise<IssuedInvitation> {
    const member = await m.findOneBy(Member, { id: memberId });
    if (!member || member.erasedAt) throw DomainError.notFound('Member', memberId);
    const expiresAt = await this.registrationPeriodEnd(m, member.cycleId);
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
        tokenHash: hashPersonalToken(token),
        expiresAt,
        revokedAt: null,
        issuedBy: actor.kind === 'planner' ? actor.staffId : null,
      }),
    );
    await this.events.record(m, {
      kind: 'invitation_issued',
      cycleId: member.cycleId,
      memberId,
      invitationId: invitation.id,
      actor,
    });
    return { invitationId: invitation.id, cycleId: member.cycleId, memberId, token, expiresAt };
  }

  /** issueToken for many members at once who hold no current link: a few statements per batch. */
  private async issueNewTokens(
    m: EntityManager,
    cycleId: number,
    members: Member[],
    expiresAt: Date,
    actor: SeatActor,
  ): Promise<void> {
    const issued = members.map((member) => {
      const token = newPersonalToken();
      return { memberId: member.id, token, tokenHash: hashPersonalToken(token) };
    });
    await m.insert(
      Invitation,
      issued.map(({ memberId, tokenHash }) => ({
        cycleId,
        memberId,
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
    await this.events.record(
      m,
      issued.map(({ memberId, tokenHash }) => ({
        kind: 'invitation_issued' as const,
        cycleId,
        memberId,
        invitationId: idOf.get(tokenHash)!,
        actor,
      })),
    );
    for (const { memberId, token, tokenHash } of issued) {
      await this.delivery.deliver(m, {
        invitationId: idOf.get(tokenHash)!,
        cycleId,
        memberId,
        token,
        expiresAt,
      });
    }
  }

  /** The member a personal link belongs to, or null for a wrong, expired or replaced link. */
  async resolve(token: string): Promise<Member | null> {
    if (!looksLikePersonalToken(token)) return null;
    return this.transactor.run(async (m) => {
      const invitation = await m.findOneBy(Invitation, {
        tokenHash: hashPersonalToken(token),
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      });
      if (!invitation) return null;
      const member = await m.findOne(Member, {
        where: { id: invitation.memberId },
        relations: { municipality: true },
      });
      return member && !member.erasedAt ? member : null;
    });
  }

  /** Two planners inviting the same members at once on PostgreSQL: one wins, the other is told to retry. */
  private async withRaceReported<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_invitations_current', 'invitations.cycle_id, invitations.member_id')) {
        throw new DomainError(
          'conflict',
          'Another invitation for these members was issued at the same moment; try again',
        );
      }
      throw error;
    }
  }

  /** Links last until the cycle's last wave closes for registration. */
  private async registrationPeriodEnd(m: EntityManager, cycleId: number): Promise<Date> {
    const last = await m.findOne(Wave, { where: { cycleId }, order: { registrationClosesAt: 'DESC' } });
    if (!last) {
      throw new DomainError(
        'unprocessable',
        'Plan the waves first: a link expires when the last wave closes',
      );
    }
    return last.registrationClosesAt;
  }
}
