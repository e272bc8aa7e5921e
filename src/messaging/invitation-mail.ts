import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { DomainEvents } from '../database/domain-events';
import { IssuedInvitation } from '../invitations/invitation-events';
import { PersonalLinks } from '../invitations/personal-links';
import { MemberMail } from './member-mail';
import { cycleDurations } from './seminar-info';

/**
 * The invitation e-mail, written when a link is issued (`invitation.issued`), inside the
 * transaction that issued it: the one moment the raw token exists. It carries the invitation's
 * own link, so it exists exactly when the link does.
 */
@Injectable()
export class InvitationMail implements OnModuleInit {
  constructor(
    private readonly mail: MemberMail,
    private readonly links: PersonalLinks,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('invitation.issued', (manager, issued) => this.send(manager, issued));
  }

  async send(manager: EntityManager, issued: IssuedInvitation[]): Promise<void> {
    if (issued.length === 0) return;
    const cycles = await manager.find(Cycle, {
      where: { id: In([...new Set(issued.map((i) => i.cycleId))]) },
      select: { id: true, name: true },
    });
    const cycleName = new Map(cycles.map((c) => [c.id, c.name]));
    const durations = await cycleDurations(
      manager,
      cycles.map((c) => c.id),
    );
    await this.mail.send(
      manager,
      issued.map((invitation) => ({
        key: `invitation:${invitation.invitationId}`,
        memberId: invitation.memberId,
        link: this.links.pageUrl(invitation.token),
        compose: ({ recipient, link }) => ({
          kind: 'invitation',
          context: {
            recipient,
            cycleName: cycleName.get(invitation.cycleId) ?? '',
            personalLink: link,
            deadline: invitation.expiresAt,
            duration: durations.get(invitation.cycleId) ?? null,
          },
        }),
      })),
    );
  }
}
