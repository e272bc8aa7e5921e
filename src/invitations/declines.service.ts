import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { MembersErased } from '../cycles/member-events';
import { Member } from '../cycles/member.entity';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { isActive } from '../registrations/seat-state';
import { Decline } from './decline.entity';

/** The member's answer "Jeg kan ikke deltage" to the invitation. */
@Injectable()
export class DeclinesService implements OnModuleInit {
  constructor(
    private readonly transactor: Transactor,
    private readonly events: DomainEvents,
  ) {}

  /** A reason is the member's own words: erasing the member drops it (the decline itself is kept as a count). */
  onModuleInit(): void {
    this.events.on('member.erased', (manager, erased) => this.forgetReasons(manager, erased));
  }

  /** Records the decline (a second one replaces the reason); a member holding a seat cancels it instead. */
  decline(member: Member, reason: string): Promise<void> {
    return this.transactor.run(async (m) => {
      const seats = await m.findBy(Registration, { cycleId: member.cycleId, memberId: member.id });
      if (seats.some((s) => isActive(s.state))) {
        throw new DomainError(
          'conflict',
          'decline.has_seat',
          `Member ${member.id} holds a seat; cancel it instead`,
        );
      }
      const found = await m.findOneBy(Decline, { cycleId: member.cycleId, memberId: member.id });
      const text = reason.trim() || null;
      if (found) await m.update(Decline, { id: found.id }, { reason: text });
      else await m.insert(Decline, { cycleId: member.cycleId, memberId: member.id, reason: text });
    });
  }

  private async forgetReasons(manager: EntityManager, erased: MembersErased): Promise<void> {
    const where = 'cycleId' in erased ? { cycleId: erased.cycleId } : { memberId: In(erased.memberIds) };
    if ('memberIds' in erased && erased.memberIds.length === 0) return;
    await manager.update(Decline, where, { reason: null });
  }
}
