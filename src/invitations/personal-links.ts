import { Inject, Injectable, Module } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../cycles/member.entity';
import { DomainError } from '../common/domain-error';
import { Seminar } from '../planning/seminar.entity';
import { Wave } from '../planning/wave.entity';
import { Invitation } from './invitation.entity';
import { hashPersonalToken, newPersonalToken } from './personal-token';

/**
 * Fresh personal links for e-mails. The raw token of an invitation is gone once it is sent, so
 * an e-mail that shows the member their page carries a link of its own: a new random token whose
 * hash is stored as a 'message' link beside the others. It lives longer than the invitation:
 * until a month after the cycle's last seminar, so the member can still cancel, fetch the calendar
 * file and the materials after registration has closed.
 */
@Injectable()
export class PersonalLinks {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pageUrl(token: string): string {
    return `${this.config.publicBaseUrl}/p/${token}`;
  }

  async mintLink(manager: EntityManager, memberId: number): Promise<string> {
    const links = await this.mintLinks(manager, [memberId]);
    return links.get(memberId)!;
  }

  /** One new link per member, in a few statements per batch (an applied allocation seats thousands). */
  async mintLinks(manager: EntityManager, memberIds: number[]): Promise<Map<number, string>> {
    const links = new Map<number, string>();
    const ids = [...new Set(memberIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const members = await manager.find(Member, {
        where: { id: In(ids.slice(i, i + 500)) },
        select: { id: true, cycleId: true },
      });
      const expiry = new Map<number, Date>();
      for (const cycleId of new Set(members.map((m) => m.cycleId))) {
        expiry.set(cycleId, await messageLinkEnd(manager, cycleId));
      }
      const rows = members.map((member) => {
        const token = newPersonalToken();
        links.set(member.id, this.pageUrl(token));
        return {
          cycleId: member.cycleId,
          memberId: member.id,
          purpose: 'message' as const,
          tokenHash: hashPersonalToken(token),
          expiresAt: expiry.get(member.cycleId)!,
          revokedAt: null,
          issuedBy: null,
        };
      });
      for (let j = 0; j < rows.length; j += 200) await manager.insert(Invitation, rows.slice(j, j + 200));
    }
    return links;
  }
}

/** Links last until the cycle's last wave closes for registration. */
export async function registrationPeriodEnd(m: EntityManager, cycleId: number): Promise<Date> {
  const last = await m.findOne(Wave, { where: { cycleId }, order: { registrationClosesAt: 'DESC' } });
  if (!last) {
    throw new DomainError(
      'unprocessable',
      'invitation.no_waves',
      'Plan the waves first: a link expires when the last wave closes',
    );
  }
  return last.registrationClosesAt;
}

const MESSAGE_LINK_GRACE_MS = 30 * 24 * 3600 * 1000;

/** Links sent with seat e-mails last until 30 days after the cycle's last seminar ends (at least until registration closes). */
export async function messageLinkEnd(m: EntityManager, cycleId: number): Promise<Date> {
  const registrationEnd = await registrationPeriodEnd(m, cycleId);
  const last = await m.findOne(Seminar, { where: { cycleId }, order: { endsAt: 'DESC' } });
  const afterSeminars = last ? new Date(last.endsAt.getTime() + MESSAGE_LINK_GRACE_MS) : registrationEnd;
  return afterSeminars > registrationEnd ? afterSeminars : registrationEnd;
}

/** Imported by messaging (which the seat module uses), so it depends on nothing of theirs. */
@Module({ providers: [PersonalLinks], exports: [PersonalLinks] })
export class PersonalLinksModule {}
