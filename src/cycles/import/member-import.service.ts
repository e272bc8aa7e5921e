import { Injectable } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { EntityManager, In } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { Transactor } from '../../database/transactor';
import { Caller } from '../caller';
import { Cycle } from '../cycle.entity';
import { CyclesService } from '../cycles.service';
import { AuditLogService } from '../gdpr/audit-log.service';
import { searchTextOf } from '../member-rules';
import { Member } from '../member.entity';
import { isUniqueViolation } from '../../database/dialect';
import { MembersService } from '../members.service';
import { findHeader } from './columns';
import { NewlyElectedDecisions, NewlyElectedMatch, NO_DECISIONS, proposeNewlyElected } from './newly-elected';
import { ParsedRow, parseMemberRow } from './member-row';
import {
  DecidedMember,
  ExistingMember,
  ImportPlan,
  ImportSummary,
  planImport,
  RowReport,
} from './plan-import';
import { readTable, Table } from './read-table';
import { updateMembers } from './update-members';

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

export interface ImportOptions {
  dryRun: boolean;
  skipRejected: boolean;
  /** The planner's answer to the Nyvalgt proposal, for a file without a Nyvalgt column. */
  newlyElected?: NewlyElectedDecisions;
  /**
   * Told as rows are checked (awaited, outside any transaction) and written (inside the import's
   * transaction: keep it in memory there).
   */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

/** The Nyvalgt flags the import proposes for a file without the column, from the previous cycle. */
export interface NewlyElectedProposal {
  previousCycle: { id: number; code: string; name: string } | null;
  /** Whether the planner has accepted it (with their corrections). */
  accepted: boolean;
  matches: NewlyElectedMatch[];
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether the database was changed. */
  applied: boolean;
  file: {
    format: Table['format'];
    encoding?: string;
    delimiter?: string;
    /** The row number of the header row, as Excel shows it. */
    headerRow: number;
    ignoredColumns: string[];
  };
  summary: ImportSummary;
  rows: RowReport[];
  /** Only for a file without a Nyvalgt column. */
  newlyElectedProposal?: NewlyElectedProposal;
}

const CHUNK = 200;
/** Rows checked between two turns of the event loop. */
const CHECK_CHUNK = 250;

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
    const cycle = await this.cycles.get(cycleId);
    const table = await readTable(bytes);
    const { parsed, headerRow, ignoredColumns, hasNewlyElected } = await this.parse(
      table,
      options.onProgress,
    );
    const decisions = options.newlyElected ?? NO_DECISIONS;
    const proposal = hasNewlyElected ? undefined : await this.propose(cycle, parsed, decisions, caller);
    const decided = withNewlyElected(parsed, proposal);
    return this.inTransaction(async (manager) => {
      const plan = planImport(decided, await this.existing(manager, cycleId), caller.municipalityCode);
      const report: ImportReport = {
        dryRun: options.dryRun,
        applied: false,
        file: {
          format: table.format,
          encoding: table.encoding,
          delimiter: table.delimiter,
          headerRow,
          ignoredColumns,
        },
        summary: plan.summary,
        rows: plan.rows,
        ...(proposal ? { newlyElectedProposal: proposal } : {}),
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
      if (proposal && !proposal.accepted) {
        throw new DomainError(
          'unprocessable',
          'import.newly_elected_unconfirmed',
          'The file has no Nyvalgt column: accept the proposed flags (acceptProposal=true), correcting rows with newlyElected= and reElected=',
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
      // No turn of the event loop inside the transaction: on SQLite's one shared connection a read
      // let in meanwhile would see the rows not yet committed (see Transactor).
      await onProgress?.({ phase: 'writing', done, total });
    }
    const updates = plan.updates.map(({ id, email, changes }) => ({
      id,
      changes:
        changes.name === undefined ? changes : { ...changes, searchText: searchTextOf(changes.name, email) },
    }));
    await updateMembers(manager, updates, CHUNK, async (count) => {
      done += count;
      await onProgress?.({ phase: 'writing', done, total });
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

  /** Parses the rows a chunk at a time, giving the event loop a turn between chunks. */
  private async parse(
    table: Table,
    onProgress: ImportOptions['onProgress'],
  ): Promise<{ parsed: ParsedRow[]; headerRow: number; ignoredColumns: string[]; hasNewlyElected: boolean }> {
    const { headerIndex, columns } = findHeader(table.rows);
    const lookup = await this.members.lookup();
    const parsed: ParsedRow[] = [];
    const total = table.rows.length - headerIndex - 1;
    for (let i = headerIndex + 1; i < table.rows.length; i++) {
      const cells = table.rows[i];
      if (!cells.every((c) => !c?.trim())) parsed.push(parseMemberRow(cells, i + 1, columns, lookup));
      const done = i - headerIndex;
      if (done % CHECK_CHUNK === 0 && done < total) {
        await onProgress?.({ phase: 'checking', done, total });
        await yieldToEventLoop();
      }
    }
    await onProgress?.({ phase: 'checking', done: total, total });
    if (parsed.length === 0) {
      throw new DomainError(
        'validation_failed',
        'import.no_members',
        'The file has a header but no members',
        [{ field: 'file', reason: 'no data rows' }],
      );
    }
    return {
      parsed,
      headerRow: headerIndex + 1,
      ignoredColumns: columns.ignored,
      hasNewlyElected: columns.index.newlyElected !== undefined,
    };
  }

  /**
   * The Nyvalgt proposal against the previous cycle's register. A municipal contact's rows of other
   * municipalities are rejected anyway and are not looked up, so the proposal shows nobody else's.
   */
  private async propose(
    cycle: Cycle,
    parsed: ParsedRow[],
    decisions: NewlyElectedDecisions,
    caller: Caller,
  ): Promise<NewlyElectedProposal> {
    const rows = parsed.flatMap((p) =>
      p.ok && (caller.municipalityCode === null || p.member.municipalityCode === caller.municipalityCode)
        ? [{ row: p.row, name: p.member.name, municipalityCode: p.member.municipalityCode }]
        : [],
    );
    const known = new Set(rows.map((r) => r.row));
    const unknown = [...decisions.newlyElected, ...decisions.reElected].filter((row) => !known.has(row));
    if (unknown.length > 0) {
      throw new DomainError(
        'validation_failed',
        'import.decision_unknown_row',
        `Rows ${unknown.join(', ')} are not in the proposal`,
        [{ field: 'newlyElected', reason: `rows ${unknown.join(', ')} are not in the proposal` }],
      );
    }
    const previousCycle = await this.cycles.previous(cycle);
    const codes = [...new Set(rows.map((r) => r.municipalityCode))];
    const previous =
      previousCycle && codes.length > 0
        ? await this.transactor.run((manager) =>
            manager.getRepository(Member).find({
              where: { cycleId: previousCycle.id, municipalityCode: In(codes) },
              select: { id: true, name: true, municipalityCode: true },
            }),
          )
        : [];
    return {
      previousCycle: previousCycle
        ? { id: previousCycle.id, code: previousCycle.code, name: previousCycle.name }
        : null,
      accepted: decisions.accept,
      matches: proposeNewlyElected(rows, previous, decisions),
    };
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

/**
 * Each row's Nyvalgt flag from its column or else from the proposal. A row the proposal leaves out
 * (another municipality's) is rejected by the plan and is never written, so its flag stays false.
 */
function withNewlyElected(
  parsed: ParsedRow[],
  proposal: NewlyElectedProposal | undefined,
): ParsedRow<DecidedMember>[] {
  const flags = new Map(proposal?.matches.map((m) => [m.row, m.newlyElected]));
  return parsed.map((p) =>
    p.ok
      ? { ...p, member: { ...p.member, newlyElected: p.member.newlyElected ?? flags.get(p.row) ?? false } }
      : p,
  );
}
