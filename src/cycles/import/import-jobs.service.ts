import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, LessThan, Repository } from 'typeorm';
import { DomainError, FieldProblem } from '../../common/domain-error';
import { ErrorCode } from '../../common/danish-messages';
import { namedQuery } from '../../database/named-query';
import { Transactor } from '../../database/transactor';
import { Caller } from '../caller';
import { HeaderInvalid } from './columns';
import { ImportJob, ImportJobStatus } from './import-job.entity';
import { ImportProgress, ImportReport, MemberImportService } from './member-import.service';
import { NewlyElectedDecisions } from './newly-elected';
import { readTable, Table } from './read-table';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export interface ImportJobError {
  code: ErrorCode;
  message: string;
  details?: FieldProblem[];
  /** What is wrong with the header row, in Danish. */
  header?: string[];
}

/** A job as the pages show it; the progress of a commit under way comes from memory. */
export interface ImportJobView {
  id: number;
  cycleId: number;
  batch: string;
  fileName: string;
  status: ImportJobStatus;
  done: number;
  total: number;
  report: ImportReport | null;
  error: ImportJobError | null;
  /** The corrections of the Nyvalgt proposal so far. */
  corrections: Corrections;
  createdAt: Date;
}

export type Corrections = Pick<NewlyElectedDecisions, 'newlyElected' | 'reElected'>;

/** A job that has not moved for this long was left by a stopped process. */
const STALE_MS = 60_000;
const RECENT_BATCHES = 10;

/**
 * Imports through the pages as jobs in the database, so that their progress and reports survive a
 * reload: each uploaded file is checked (the dry run) in the background, one file at a time, and
 * committed when the planner says so. Both go through MemberImportService, as the API and CLI do.
 */
@Injectable()
export class ImportJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ImportJobsService.name);
  private queue: Promise<void> = Promise.resolve();
  private readonly writing = new Map<number, { done: number; total: number }>();

  constructor(
    @InjectRepository(ImportJob) private readonly jobs: Repository<ImportJob>,
    private readonly transactor: Transactor,
    private readonly importer: MemberImportService,
  ) {}

  /** Jobs a stopped process left: checks start again, a commit (rolled back) waits to be confirmed again. */
  async onApplicationBootstrap(): Promise<void> {
    const before = new Date(Date.now() - STALE_MS);
    await this.transactor.run((m) =>
      m.update(ImportJob, { status: 'committing', updatedAt: LessThan(before) }, { status: 'checked' }),
    );
    const left = await this.jobs.find({
      where: { status: In(['queued', 'checking']), updatedAt: LessThan(before) },
      select: { id: true },
      order: { id: 'ASC' },
    });
    if (left.length === 0) return;
    await this.transactor.run((m) =>
      m.update(ImportJob, { id: In(left.map((j) => j.id)) }, { status: 'queued' }),
    );
    left.forEach((job) => this.enqueue(() => this.check(job.id)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue;
  }

  /** Stores the files as one batch and starts checking them; returns the batch. */
  async start(cycleId: number, files: UploadedFile[], caller: Caller): Promise<string> {
    if (files.length === 0) {
      throw new DomainError('validation_failed', 'import.file_missing', 'Choose at least one file', [
        { field: 'files', reason: 'missing' },
      ]);
    }
    const batch = randomBytes(12).toString('base64url');
    const ids = await this.transactor.run(async (m) => {
      const saved = await m.save(
        files.map((f) =>
          m.create(ImportJob, {
            cycleId,
            batch,
            staffId: caller.staffId,
            actorLabel: caller.label,
            municipalityCode: caller.municipalityCode,
            fileName: f.name.slice(0, 255),
            status: 'queued' as const,
          }),
        ),
      );
      for (const [i, job] of saved.entries()) {
        await namedQuery(m, 'UPDATE import_jobs SET file = :bytes WHERE id = :id', {
          bytes: files[i].bytes,
          id: job.id,
        });
      }
      return saved.map((j) => j.id);
    });
    ids.forEach((id) => this.enqueue(() => this.check(id)));
    return batch;
  }

  /** The jobs of a batch, or of the latest batches (batch null); a contact sees only their own municipality's. */
  async list(cycleId: number, batch: string | null, caller: Caller): Promise<ImportJobView[]> {
    const where = {
      cycleId,
      ...(batch === null ? {} : { batch }),
      ...(caller.municipalityCode === null ? {} : { municipalityCode: caller.municipalityCode }),
    };
    const jobs = await this.jobs.find({
      where,
      order: { id: 'DESC' },
      take: batch === null ? 200 : undefined,
    });
    const batches = [...new Set(jobs.map((j) => j.batch))].slice(0, RECENT_BATCHES);
    return jobs
      .filter((j) => batches.includes(j.batch))
      .reverse()
      .map((j) => this.view(j));
  }

  async get(cycleId: number, id: number, caller: Caller): Promise<ImportJobView> {
    return this.view(await this.find(cycleId, id, caller));
  }

  /** The file's table again, to hand back the rejected rows as they were written. */
  async table(cycleId: number, id: number, caller: Caller): Promise<{ job: ImportJobView; table: Table }> {
    const job = await this.find(cycleId, id, caller);
    return { job: this.view(job), table: await readTable(await this.fileOf(id)) };
  }

  /**
   * Commits a checked file in the background. Refused at once while rows are rejected and not to be
   * skipped; the commit itself checks everything again, in its transaction.
   */
  async commit(cycleId: number, id: number, skipRejected: boolean, caller: Caller): Promise<void> {
    const job = this.view(await this.find(cycleId, id, caller));
    if (job.status === 'committed') {
      throw new DomainError(
        'conflict',
        'import_job.already_committed',
        `Import job ${id} is committed already`,
      );
    }
    if (job.status !== 'checked' || !job.report) {
      throw new DomainError('conflict', 'import_job.not_ready', `Import job ${id} is not checked yet`);
    }
    if (job.report.summary.rejected > 0 && !skipRejected) {
      throw new DomainError(
        'unprocessable',
        'import.rows_rejected',
        `Nothing was imported: ${job.report.summary.rejected} rows are rejected`,
      );
    }
    const claimed = await this.transactor.run((m) =>
      m.update(
        ImportJob,
        { id, status: 'checked' },
        { status: 'committing', done: 0, total: 0, error: null },
      ),
    );
    if (claimed.affected !== 1) {
      throw new DomainError(
        'conflict',
        'import_job.not_ready',
        `Import job ${id} is being committed already`,
      );
    }
    // Pressing the one button is the confirmation of the Nyvalgt proposal, as corrected.
    const newlyElected = { accept: true, ...job.corrections };
    this.enqueue(() => this.run(id, 'committing', { dryRun: false, skipRejected, newlyElected }, caller));
  }

  /**
   * The planner's Nyvalgt flags for some rows of the proposal (a page of it): `flagged` are the
   * rows ticked as newly elected among `rows`. Kept as corrections of the proposal.
   */
  async correct(
    cycleId: number,
    id: number,
    rows: number[],
    flagged: number[],
    caller: Caller,
  ): Promise<void> {
    const job = this.view(await this.find(cycleId, id, caller));
    const matches = job.report?.newlyElectedProposal?.matches ?? [];
    if (job.status !== 'checked' || matches.length === 0) {
      throw new DomainError(
        'conflict',
        'import_job.not_ready',
        `Import job ${id} has no proposal to correct`,
      );
    }
    const shown = new Set(rows);
    const ticked = new Set(flagged);
    const keep = (list: number[]) => list.filter((row) => !shown.has(row));
    const corrections: Corrections = {
      newlyElected: keep(job.corrections.newlyElected),
      reElected: keep(job.corrections.reElected),
    };
    for (const m of matches) {
      if (!shown.has(m.row)) continue;
      if (ticked.has(m.row) && !m.proposed) corrections.newlyElected.push(m.row);
      if (!ticked.has(m.row) && m.proposed) corrections.reElected.push(m.row);
    }
    await this.transactor.run((m) => m.update(ImportJob, id, { decisions: JSON.stringify(corrections) }));
  }

  private async check(id: number): Promise<void> {
    const claimed = await this.transactor.run((m) =>
      m.update(ImportJob, { id, status: 'queued' }, { status: 'checking' }),
    );
    if (claimed.affected !== 1) return;
    const job = await this.jobs.findOneByOrFail({ id });
    const caller: Caller = {
      staffId: job.staffId,
      label: job.actorLabel,
      municipalityCode: job.municipalityCode,
    };
    await this.run(id, 'checking', { dryRun: true, skipRejected: false }, caller);
  }

  private async run(
    id: number,
    status: 'checking' | 'committing',
    options: { dryRun: boolean; skipRejected: boolean; newlyElected?: NewlyElectedDecisions },
    caller: Caller,
  ): Promise<void> {
    const job = await this.jobs.findOneOrFail({ where: { id }, select: { id: true, cycleId: true } });
    const file = await this.fileOf(id);
    const onProgress = async ({ phase, done, total }: ImportProgress) => {
      // Rows are written inside the import's transaction: that progress stays in memory.
      if (phase === 'writing') this.writing.set(id, { done, total });
      else if (status === 'checking')
        await this.transactor.run((m) => m.update(ImportJob, id, { done, total }));
    };
    try {
      const report = await this.importer.import(job.cycleId, file, { ...options, onProgress }, caller);
      await this.finish(id, {
        status: status === 'checking' ? 'checked' : 'committed',
        report: JSON.stringify(report),
        error: null,
      });
    } catch (error) {
      const failure = failureOf(error);
      if (failure.code === 'internal.error')
        this.logger.error(`Import job ${id} failed`, (error as Error).stack);
      // A refused commit leaves the checked report as it was, with the reason beside it.
      await this.finish(id, {
        status: status === 'checking' ? 'failed' : 'checked',
        error: JSON.stringify(failure),
      });
    } finally {
      this.writing.delete(id);
    }
  }

  private finish(id: number, change: Partial<ImportJob>): Promise<unknown> {
    return this.transactor.run((m) => m.update(ImportJob, id, change));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.logger.error('An import job could not be run', (error as Error).stack);
    });
  }

  private async fileOf(id: number): Promise<Buffer> {
    const [row] = await this.transactor.run((m) =>
      namedQuery<{ file: Buffer }>(m, 'SELECT file FROM import_jobs WHERE id = :id', { id }),
    );
    return Buffer.from(row.file);
  }

  private async find(cycleId: number, id: number, caller: Caller): Promise<ImportJob> {
    const job = await this.jobs.findOneBy({ id, cycleId });
    // Another municipality's job does not exist as far as a contact can tell.
    if (!job || (caller.municipalityCode !== null && job.municipalityCode !== caller.municipalityCode)) {
      throw DomainError.notFound('Import job', id);
    }
    return job;
  }

  private view(job: ImportJob): ImportJobView {
    const writing = job.status === 'committing' ? this.writing.get(job.id) : undefined;
    return {
      id: job.id,
      cycleId: job.cycleId,
      batch: job.batch,
      fileName: job.fileName,
      status: job.status,
      done: writing?.done ?? job.done,
      total: writing?.total ?? job.total,
      report: job.report ? (JSON.parse(job.report) as ImportReport) : null,
      error: job.error ? (JSON.parse(job.error) as ImportJobError) : null,
      corrections: job.decisions
        ? (JSON.parse(job.decisions) as Corrections)
        : { newlyElected: [], reElected: [] },
      createdAt: job.createdAt,
    };
  }
}

function failureOf(error: unknown): ImportJobError {
  if (error instanceof DomainError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error instanceof HeaderInvalid ? { header: error.danish } : {}),
    };
  }
  return { code: 'internal.error', message: 'The file could not be imported' };
}
