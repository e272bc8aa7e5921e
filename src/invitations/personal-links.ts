import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../cycles/member.entity';
import { DomainError } from '../common/domain-error';
import { DomainEvents } from '../database/domain-events';
import { Seminar } from '../planning/seminar.entity';
import { Wave } from '../planning/wave.entity';
import { Invitation } from './invitation.entity';
import { hashPersonalToken, newPersonalToken } from './personal-token';

/** THE address of a member's personal page: `${PUBLIC_BASE_URL}/p/<token>`. */
export function personalPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/p/${token}`;
}

/** THE address of a survey behind an evaluation link: `${PUBLIC_BASE_URL}/evaluering/<token>`. */
export function surveyPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/evaluering/${token}`;
}

/**
 * Fresh personal links for e-mails. The raw token of an invitation is gone once it is sent, so
 * an e-mail that shows the member their page carries a link of its own: a new random token whose
 * hash is stored as a 'message' link beside the others. It lives longer than the invitation:
 * until a month after the cycle's last seminar, so the member can still cancel, fetch the calendar
 * file and the materials after registration has closed. When the waves or the seminars' ends
 * change, the live links follow (`registration_period.changed`).
 */
@Injectable()
export class PersonalLinks implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('registration_period.changed', (manager, { cycleId }) =>
      followRegistrationPeriod(manager, cycleId),
    );
  }

  pageUrl(token: string): string {
    return personalPageUrl(this.config.publicBaseUrl, token);
  }

  surveyUrl(token: string): string {
    return surveyPageUrl(this.config.publicBaseUrl, token);
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

/** Invitation links live until the last wave closes, message links a month past the last seminar: both follow the plan. */
async function followRegistrationPeriod(m: EntityManager, cycleId: number): Promise<void> {
  const last = await m.findOne(Wave, { where: { cycleId }, order: { registrationClosesAt: 'DESC' } });
  if (!last) return;
  // Only the links whose end moves are written: most changes (a seminar that is not the last
  // moved) move neither end, and a cycle has thousands of links.
  const follow = (purpose: 'invitation' | 'message', expiresAt: Date) =>
    m.update(Invitation, { cycleId, revokedAt: IsNull(), purpose, expiresAt: Not(expiresAt) }, { expiresAt });
  await follow('invitation', last.registrationClosesAt);
  await follow('message', await messageLinkEnd(m, cycleId));
}

/** The links and the one builder of a member's URLs; imported by messaging and every module that mails. */
@Module({
  imports: [TypeOrmModule.forFeature([Invitation])],
  providers: [PersonalLinks],
  exports: [PersonalLinks],
})
export class PersonalLinksModule {}
