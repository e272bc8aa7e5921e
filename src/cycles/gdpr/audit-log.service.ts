import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { StaffChanged } from '../../auth/staff-events';
import { DomainEvents } from '../../database/domain-events';
import { Transactor } from '../../database/transactor';
import { AuditEntry, AuditAction } from './audit-entry.entity';

/** Who is acting: a staff account, or the command line (no account). */
export interface Actor {
  staffId: number | null;
  label: string;
}

export const CLI_ACTOR: Actor = { staffId: null, label: 'cli' };

export interface AuditRecord {
  action: AuditAction;
  cycleId?: number;
  memberId?: number;
  details?: AuditEntry['details'];
}

@Injectable()
export class AuditLogService implements OnModuleInit {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly transactor: Transactor,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('staff.changed', (m, change) => this.staffChanged(m, change));
  }

  /** A change to a staff account, audited in its transaction (the auth module sits below this one). */
  private staffChanged(m: EntityManager, { actor, staffUserId, changes }: StaffChanged): Promise<void> {
    const who: Actor = actor ? { staffId: actor.id, label: actor.role } : CLI_ACTOR;
    return this.record(
      who,
      changes.map((action) => ({ action, details: { staffUserId } })),
      m,
    );
  }

  /** The latest changes to a staff account, newest first (their details are exactly its id, as written above). */
  forStaffAccount(staffUserId: number, take = 50): Promise<AuditEntry[]> {
    const details = JSON.stringify({ staffUserId });
    return this.entries
      .createQueryBuilder('e')
      .where("e.action LIKE 'staff.%' AND e.details = :details", { details })
      .orderBy('e.id', 'DESC')
      .take(take)
      .getMany();
  }

  /** Records inside the caller's transaction when one is given, so the entry and the change stand or fall together. */
  async record(actor: Actor, records: AuditRecord[], manager?: EntityManager): Promise<void> {
    if (records.length === 0) return;
    if (!manager) return this.transactor.run((m) => this.record(actor, records, m));
    const repository = manager.getRepository(AuditEntry);
    const rows = records.map((r) => ({
      actorStaffId: actor.staffId,
      actor: actor.label,
      action: r.action,
      cycleId: r.cycleId ?? null,
      memberId: r.memberId ?? null,
      details: r.details ?? null,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await repository
        .createQueryBuilder()
        .insert()
        .values(rows.slice(i, i + 200))
        .updateEntity(false)
        .callListeners(false)
        .execute();
    }
  }

  forMember(memberId: number): Promise<AuditEntry[]> {
    return this.entries.find({ where: { memberId }, order: { id: 'ASC' } });
  }
}
