import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { MembersErased } from '../cycles/member-events';
import { DomainEvents } from '../database/domain-events';
import { OutboxMessage } from './outbox-message.entity';

/** The e-mails written to a member hold their name, address and links: erasing the member drops them. */
@Injectable()
export class OutboxErasure implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('member.erased', (manager, erased) => this.forget(manager, erased));
  }

  async forget(manager: EntityManager, erased: MembersErased): Promise<void> {
    if ('cycleId' in erased) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(OutboxMessage)
        .where('member_id IN (SELECT id FROM members WHERE cycle_id = :cycleId)', { cycleId: erased.cycleId })
        .execute();
      return;
    }
    if (erased.memberIds.length > 0) await manager.delete(OutboxMessage, { memberId: In(erased.memberIds) });
  }
}
