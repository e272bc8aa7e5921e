import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../database/domain-events';
import { Transactor } from '../../database/transactor';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Caller } from '../caller';
import { Cycle } from '../cycle.entity';
import { CyclesService } from '../cycles.service';
import { ImportJob } from '../import/import-job.entity';
import { Member } from '../member.entity';
import { MembersService } from '../members.service';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogService } from './audit-log.service';
import { retentionDue, termEnd } from './retention';

const ERASED = {
  name: null,
  email: null,
  phone: null,
  diet: null,
  accessibility: null,
  note: null,
  searchText: null,
} as const;

export interface PersonalDataExport {
  exportedAt: string;
  cycle: { id: number; code: string; name: string };
  member: Member;
  /** What has been done with the member's data, by whom and when. */
  auditLog: Array<Pick<AuditEntry, 'at' | 'actor' | 'actorStaffId' | 'action'>>;
}

export interface RetentionResult {
  cycle: string;
  termEnd: string;
  members: number;
}

@Injectable()
export class GdprService {
  constructor(
    private readonly transactor: Transactor,
    @InjectRepository(Member) private readonly members: Repository<Member>,
    private readonly membersService: MembersService,
    private readonly cycles: CyclesService,
    private readonly audit: AuditLogService,
    private readonly events: DomainEvents,
  ) {}

  /** Everything held about one member (a subject access request), itself recorded in the log. */
  async personalData(cycleId: number, id: number, caller: Caller): Promise<PersonalDataExport> {
    const member = await this.membersService.get(cycleId, id, caller);
    const cycle = await this.cycles.get(cycleId);
    await this.audit.record(caller, [{ action: 'member.personal_data_export', cycleId, memberId: id }]);
    const log = await this.audit.forMember(id);
    return {
      exportedAt: new Date().toISOString(),
      cycle: { id: cycle.id, code: cycle.code, name: cycle.name },
      member,
      auditLog: log.map((e) => ({
        at: e.at,
        actor: e.actor,
        actorStaffId: e.actorStaffId,
        action: e.action,
      })),
    };
  }

  /** Blanks the personal fields; municipality, list, newly elected and role stay for the statistics. */
  async erase(cycleId: number, id: number, caller: Caller): Promise<Member> {
    const member = await this.membersService.get(cycleId, id, caller);
    if (!member.erasedAt) {
      await this.transactor.run(async (manager) => {
        await manager.update(Member, id, { ...ERASED, erasedAt: new Date() });
        // The e-mails written to the member hold their name, address and links: they go too.
        await this.events.publish(manager, 'member.erased', { memberIds: [id] });
        // So do the files imported into the cycle through the pages, which may hold their row.
        await manager.delete(ImportJob, { cycleId });
        await this.audit.record(caller, [{ action: 'member.erase', cycleId, memberId: id }], manager);
      });
    }
    return this.membersService.get(cycleId, id, caller);
  }

  /** Erases the members of every cycle whose term ended more than `years` years before `today`. */
  async applyRetention(
    years: number,
    today: string,
    dryRun: boolean,
    caller: Caller,
  ): Promise<RetentionResult[]> {
    const due = (await this.cycles.list()).filter((c) => retentionDue(c.termStart, years, today));
    const results: RetentionResult[] = [];
    for (const cycle of due) {
      results.push({
        cycle: cycle.code,
        termEnd: termEnd(cycle.termStart),
        members: await this.eraseCycle(cycle, dryRun, caller),
      });
    }
    return results;
  }

  private async eraseCycle(cycle: Cycle, dryRun: boolean, caller: Caller): Promise<number> {
    const remaining = await this.members.countBy({ cycleId: cycle.id, erasedAt: IsNull() });
    if (dryRun || remaining === 0) return remaining;
    await this.transactor.run(async (manager) => {
      await this.events.publish(manager, 'member.erased', { cycleId: cycle.id });
      await manager.delete(ImportJob, { cycleId: cycle.id });
      await manager.update(
        Member,
        { cycleId: cycle.id, erasedAt: IsNull() },
        { ...ERASED, erasedAt: new Date() },
      );
      await this.audit.record(
        caller,
        [{ action: 'members.retention_erase', cycleId: cycle.id, details: { members: remaining } }],
        manager,
      );
    });
    return remaining;
  }
}
