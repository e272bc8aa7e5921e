import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { OutboxService } from '../messaging/outbox.service';
import { personalPageUrl } from './personal-links';

export interface IssuedInvitation {
  invitationId: number;
  cycleId: number;
  memberId: number;
  /** The raw token: exists only here, inside the transaction that created the invitation. */
  token: string;
  expiresAt: Date;
}

interface Addressee {
  member: Pick<Member, 'name' | 'email' | 'erasedAt'>;
  cycleName: string;
}

/**
 * Hands a newly issued personal link on, inside the transaction that issued it: the one moment
 * the raw token exists. Writes the invitation e-mail with `${PUBLIC_BASE_URL}/p/${token}` to the
 * outbox, so it exists exactly when the link does.
 */
@Injectable()
export class InvitationDelivery {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(manager: EntityManager, issued: IssuedInvitation, known?: Addressee): Promise<void> {
    const addressee = known ?? (await this.addressees(manager, [issued])).get(issued.memberId);
    const member = addressee?.member;
    if (!member || member.erasedAt || !member.email) return;
    await this.outbox.enqueue(manager, {
      key: `invitation:${issued.invitationId}`,
      kind: 'invitation',
      memberId: issued.memberId,
      context: {
        recipient: { name: member.name ?? '', email: member.email },
        cycleName: addressee!.cycleName,
        personalLink: personalPageUrl(this.config.publicBaseUrl, issued.token),
        deadline: issued.expiresAt,
      },
    });
  }

  /** deliver for a batch, with the members and cycles read once. */
  async deliverMany(manager: EntityManager, issued: IssuedInvitation[]): Promise<void> {
    const addressees = await this.addressees(manager, issued);
    for (const one of issued) await this.deliver(manager, one, addressees.get(one.memberId));
  }

  private async addressees(manager: EntityManager, issued: IssuedInvitation[]) {
    if (issued.length === 0) return new Map<number, Addressee>();
    const members = await manager.find(Member, {
      where: { id: In(issued.map((i) => i.memberId)) },
      select: { id: true, name: true, email: true, erasedAt: true },
    });
    const cycles = await manager.find(Cycle, {
      where: { id: In([...new Set(issued.map((i) => i.cycleId))]) },
    });
    const cycleName = new Map(cycles.map((c) => [c.id, c.name]));
    const byMember = new Map(issued.map((i) => [i.memberId, i.cycleId]));
    return new Map(
      members.map((member) => [
        member.id,
        { member, cycleName: cycleName.get(byMember.get(member.id)!) ?? '' },
      ]),
    );
  }
}
