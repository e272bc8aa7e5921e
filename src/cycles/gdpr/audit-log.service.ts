import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
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
export class AuditLogService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly transactor: Transactor,
  ) {}

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
