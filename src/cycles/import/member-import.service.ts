import { Injectable } from '@nestjs/common';
import { Transactor } from '../../database/transactor';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { Caller } from '../caller';
import { CyclesService } from '../cycles.service';
import { AuditLogService } from '../gdpr/audit-log.service';
import { searchTextOf } from '../member-rules';
import { Member } from '../member.entity';
import { isUniqueViolation } from '../../database/dialect';
import { MembersService } from '../members.service';
import { findHeader } from './columns';
import { parseMemberRow, ParsedRow } from './member-row';
import {
  ExistingMember,
  ImportPlan,
  ImportSummary,
  planImport,
  RowReport,
  rowsOutsideMunicipality,
} from './plan-import';
import { readTable, Table } from './read-table';
import { updateMembers } from './update-members';

export interface ImportOptions {
  dryRun: boolean;
  skipRejected: boolean;
  /** Called as rows are written, for the command line's progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether the database was changed. */
  applied: boolean;
  file: { format: Table['format']; encoding?: string; delimiter?: string; ignoredColumns: string[] };
  summary: ImportSummary;
  rows: RowReport[];
}

const CHUNK = 200;

@Injectable()
export class MemberImportService {
  constructor(
    private readonly transactor: Transactor,
    private readonly cycles: CyclesService,
    private readonly members: MembersService,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * Reads the file, plans it against the cycle's members and, unless it is a dry run, applies the
   * plan in one transaction. The dry run and the commit share this path, so they report alike.
   */
  async import(
    cycleId: number,
    bytes: Buffer,
    options: ImportOptions,
    caller: Caller,
  ): Promise<ImportReport> {
    await this.cycles.get(cycleId);
    const table = await readTable(bytes);
    const { parsed, ignoredColumns } = await this.parse(table);
    if (caller.municipalityCode !== null) {
      const outside = rowsOutsideMunicipality(parsed, caller.municipalityCode);
      if (outside.length > 0) {
        throw new DomainError(
          'forbidden',
          'import.other_municipality',
          `This account may only import members of municipality ${caller.municipalityCode}; rows ${outside.join(', ')} name another`,
        );
      }
    }
    return this.inTransaction(async (manager) => {
      const plan = planImport(parsed, await this.existing(manager, cycleId));
      const report: ImportReport = {
        dryRun: options.dryRun,
        applied: false,
        file: {
          format: table.format,
          encoding: table.encoding,
          delimiter: table.delimiter,
          ignoredColumns,
        },
        summary: plan.summary,
        rows: plan.rows,
      };
      if (options.dryRun) return report;
      if (plan.summary.rejected > 0 && !options.skipRejected) {
        throw new DomainError(
          'unprocessable',
          'import.rows_rejected',
          `Nothing was imported: ${plan.summary.rejected} rows are rejected. Correct them or ask to skip rejected rows.`,
          plan.rows.flatMap((r) =>
            (r.reasons ?? []).map((p) => ({ field: `row ${r.row}: ${p.field}`, reason: p.reason })),
          ),
        );
      }
      await this.apply(manager, cycleId, plan, options.onProgress);
      await this.audit.record(
        caller,
        [{ action: 'members.import', cycleId, details: { ...plan.summary } }],
        manager,
      );
      report.applied = true;
      return report;
    });
  }

  /** Inserts the new members and updates the changed ones in chunks, inside the caller's transaction. */
  private async apply(
    manager: EntityManager,
    cycleId: number,
    plan: ImportPlan,
    onProgress: ImportOptions['onProgress'],
  ): Promise<void> {
    const total = plan.creates.length + plan.updates.length;
    let done = 0;
    for (let i = 0; i < plan.creates.length; i += CHUNK) {
      const rows = plan.creates.slice(i, i + CHUNK).map((m) => ({
        cycleId,
        name: m.name,
        email: m.email,
        phone: m.phone ?? null,
        municipalityCode: m.municipalityCode,
        listLetter: m.listLetter,
        listName: m.listName,
        newlyElected: m.newlyElected,
        role: m.role ?? 'member',
        diet: m.diet ?? null,
        accessibility: m.accessibility ?? null,
        note: m.note ?? null,
        searchText: searchTextOf(m.name, m.email),
        erasedAt: null,
      }));
      await manager
        .createQueryBuilder()
        .insert()
        .into(Member)
        .values(rows)
        .updateEntity(false)
        .callListeners(false)
        .execute();
      done += rows.length;
      onProgress?.(done, total);
    }
    const updates = plan.updates.map(({ id, email, changes }) => ({
      id,
      changes:
        changes.name === undefined ? changes : { ...changes, searchText: searchTextOf(changes.name, email) },
    }));
    await updateMembers(manager, updates, CHUNK, (count) => {
      done += count;
      onProgress?.(done, total);
    });
  }

  /** Two imports into one cycle at once: the loser's plan is stale, and the unique index says so. */
  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactor.run(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new DomainError(
        'conflict',
        'import.changed_meanwhile',
        'The members changed while the file was imported; nothing was changed. Try again.',
      );
    }
  }

  private async parse(table: Table): Promise<{ parsed: ParsedRow[]; ignoredColumns: string[] }> {
    const { headerIndex, columns } = findHeader(table.rows);
    const lookup = await this.members.lookup();
    const parsed: ParsedRow[] = [];
    table.rows.forEach((cells, i) => {
      if (i <= headerIndex || cells.every((c) => !c?.trim())) return;
      parsed.push(parseMemberRow(cells, i + 1, columns, lookup));
    });
    if (parsed.length === 0) {
      throw new DomainError(
        'validation_failed',
        'import.no_members',
        'The file has a header but no members',
        [{ field: 'file', reason: 'no data rows' }],
      );
    }
    return { parsed, ignoredColumns: columns.ignored };
  }

  private existing(manager: EntityManager, cycleId: number): Promise<ExistingMember[]> {
    return manager.getRepository(Member).find({
      where: { cycleId },
      select: {
        id: true,
        name: true,
        email: true,
        phone: true,
        municipalityCode: true,
        listLetter: true,
        listName: true,
        newlyElected: true,
        role: true,
        diet: true,
        accessibility: true,
        note: true,
      },
    }) as Promise<ExistingMember[]>;
  }
}
