import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EntityManager, IsNull, LessThan } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { BackgroundWork } from '../common/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactor } from '../database/transactor';
import { requireCycle } from '../planning/waves.service';
import { InviteDto } from './dto/invite.dto';
import { InvitationJob, InviteJobStatus } from './invitation-job.entity';
import {
  InvitationsService,
  raceReported,
  racedAnotherInvitation,
  selectMembers,
} from './invitations.service';
import { registrationPeriodEnd } from './personal-links';

/** A mass invitation as the API shows it; counts grow batch by batch. */
export interface InviteJob {
  id: string;
  cycleId: number;
  status: InviteJobStatus;
  /** Members selected when the job started. */
  total: number;
  invited: number;
  alreadyInvited: number;
  expiresAt: string;
  error: string | null;
  createdAt: string;
}

/** Members per transaction: each batch issues its links, writes their e-mails and moves the job on. */
const BATCH = 200;
/** A job that lost its instance this many times is given up, with the reason. */
const MAX_TAKEOVERS = 5;

/**
 * Runs mass invitations as rows of `invitation_jobs`, so any instance can report on one. The
 * instance running a job renews its lease with every batch; a job whose lease ran out (its
 * instance crashed) or that was let go (its instance stopped) is taken over by the next instance
 * that looks — every `JOB_LEASE_MS / 2` in the server, and at its start — and carried on from the
 * last committed batch.
 */
@Injectable()
export class InviteJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InviteJobs.name);
  // Fits claimed_by (100).
  private readonly instanceId = `${hostname().slice(0, 50)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly runs = new Map<string, Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly transactor: Transactor,
    private readonly invitations: InvitationsService,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts inviting the newly elected members of a cycle that hold no invitation yet. Up to one
   * batch is done before answering; a larger job runs on in the background, followed with `job`.
   */
  async start(cycleId: number, filter: InviteDto, staffId: number): Promise<InviteJob> {
    const job = await this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const memberIds = await selectMembers(m, cycleId, filter);
      return m.save(
        m.create(InvitationJob, {
          id: randomUUID(),
          cycleId,
          status: 'running',
          staffId,
          memberIds,
          total: memberIds.length,
          expiresAt: await registrationPeriodEnd(m, cycleId),
          claimedBy: this.instanceId,
          lockedUntil: this.leaseEnd(),
        }),
      );
    });
    const run = this.follow(job.id);
    if (job.total <= BATCH) {
      const failure = await run;
      if (failure !== undefined) throw failure;
    }
    return this.job(cycleId, job.id);
  }

  /** What `start` would do now: the newly elected it selects, and how many of them hold no invitation yet. */
  preview(cycleId: number, filter: InviteDto): Promise<{ selected: number; fresh: number }> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const memberIds = await selectMembers(m, cycleId, filter);
      const invited = memberIds.length === 0 ? 0 : await this.invitations.countInvited(m, cycleId, memberIds);
      return { selected: memberIds.length, fresh: memberIds.length - invited };
    });
  }

  async job(cycleId: number, id: string): Promise<InviteJob> {
    const job = await this.transactor.run((m) => m.findOneBy(InvitationJob, { id, cycleId }));
    if (!job) throw DomainError.notFound('Invitation job', id);
    return jobView(job);
  }

  /** A cycle's latest jobs, newest first. */
  async recent(cycleId: number, count = 10): Promise<InviteJob[]> {
    const jobs = await this.transactor.run((m) =>
      m.find(InvitationJob, { where: { cycleId }, order: { createdAt: 'DESC' }, take: count }),
    );
    return jobs.map(jobView);
  }

  /** Waits for a job this instance runs to end (for the command line, which must not close the database under it). */
  async finished(cycleId: number, id: string): Promise<InviteJob> {
    await this.runs.get(id);
    const job = await this.job(cycleId, id);
    if (job.status === 'failed') throw new Error(`Invitation job ${id} failed: ${job.error}`);
    return job;
  }

  /** In the server (JOB_TAKEOVER_MS): takes over abandoned jobs at the start and from time to time. */
  onApplicationBootstrap(): void {
    const every = this.config.jobTakeoverMs;
    if (every <= 0) return;
    void this.background.detached('Taking over invitation jobs', () => this.takeOverAbandoned());
    this.background.every('Taking over invitation jobs', every, () => this.takeOverAbandoned());
  }

  /** A clean stop lets every job finish its batch and go, so another instance carries on at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.runs.values());
  }

  private follow(id: string): Promise<unknown> {
    const run = this.runBatches(id).finally(() => this.runs.delete(id));
    this.runs.set(id, run);
    return run;
  }

  /** Never rejects: a failure is kept on the job and returned. */
  private async runBatches(id: string): Promise<unknown> {
    try {
      for (;;) {
        // better-sqlite3 answers synchronously: without a turn of the event loop between batches
        // the 202 and every other request would wait for the whole job.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopping) {
          await this.release(id);
          return undefined;
        }
        // A batch that raced another planner's invitation is read again once: those now invited are skipped.
        const more = await this.nextBatch(id).catch((error: unknown) => {
          if (!racedAnotherInvitation(error)) throw error;
          return this.nextBatch(id);
        });
        if (!more) return undefined;
      }
    } catch (error) {
      const failure = raceReported(error);
      const reason = failure instanceof Error ? failure.message : String(failure);
      this.logger.error(`Invitation job ${id} failed: ${reason}`);
      await this.end(id, 'failed', reason).catch(() => undefined);
      return failure;
    }
  }

  /**
   * Invites the job's next batch and moves the job on, in one transaction; false once the job is
   * done or no longer this instance's. The job's row is locked on PostgreSQL, so a takeover waits
   * for the batch and then sees the renewed lease.
   */
  private nextBatch(id: string): Promise<boolean> {
    return this.transactor.run(async (m) => {
      const job = await m.findOne(InvitationJob, {
        where: { id, status: 'running', claimedBy: this.instanceId },
        lock: m.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' } : undefined,
      });
      if (!job) return false;
      const batch = job.memberIds.slice(job.processed, job.processed + BATCH);
      const fresh =
        batch.length === 0
          ? 0
          : await this.invitations.inviteBatch(m, job.cycleId, batch, job.expiresAt, job.staffId);
      const processed = job.processed + batch.length;
      const done = processed >= job.total;
      await m.update(
        InvitationJob,
        { id },
        {
          processed,
          invited: job.invited + fresh,
          alreadyInvited: job.alreadyInvited + batch.length - fresh,
          ...(done ? ended('done') : { lockedUntil: this.leaseEnd() }),
        },
      );
      return !done;
    });
  }

  private async takeOverAbandoned(): Promise<void> {
    if (this.stopping) return;
    const now = new Date();
    const abandoned = await this.transactor.run((m) =>
      m.find(InvitationJob, {
        where: [
          { status: 'running', lockedUntil: IsNull() },
          { status: 'running', lockedUntil: LessThan(now) },
        ],
        select: { id: true },
      }),
    );
    for (const { id } of abandoned) {
      const job = await this.transactor.run((m) => this.claim(m, id, now));
      if (!job || this.stopping) continue;
      if (job.takeovers > MAX_TAKEOVERS) {
        await this.end(
          id,
          'failed',
          `The app stopped ${MAX_TAKEOVERS} times during the job; ${job.processed} of ${job.total} members were handled`,
        );
        continue;
      }
      this.logger.log(`Carrying on invitation job ${id} at member ${job.processed} of ${job.total}`);
      void this.follow(id);
    }
  }

  /** Makes an abandoned job this instance's, unless another instance was quicker. */
  private async claim(m: EntityManager, id: string, now: Date): Promise<InvitationJob | null> {
    const taken = await m
      .createQueryBuilder()
      .update(InvitationJob)
      .set({ claimedBy: this.instanceId, lockedUntil: this.leaseEnd(), takeovers: () => 'takeovers + 1' })
      .where("id = :id AND status = 'running' AND (locked_until IS NULL OR locked_until < :now)", { id, now })
      .execute();
    return taken.affected === 1 ? m.findOneBy(InvitationJob, { id }) : null;
  }

  /** Lets a job go between batches: another instance may take it over at once. */
  private release(id: string): Promise<unknown> {
    return this.transactor.run((m) =>
      m.update(
        InvitationJob,
        { id, status: 'running', claimedBy: this.instanceId },
        { claimedBy: null, lockedUntil: null },
      ),
    );
  }

  private end(id: string, status: 'done' | 'failed', error: string | null): Promise<unknown> {
    return this.transactor.run((m) =>
      m.update(InvitationJob, { id, claimedBy: this.instanceId }, { ...ended(status), error }),
    );
  }

  private leaseEnd(): Date {
    return new Date(Date.now() + this.config.jobLeaseMs);
  }
}

function jobView(job: InvitationJob): InviteJob {
  return {
    id: job.id,
    cycleId: job.cycleId,
    status: job.status,
    total: job.total,
    invited: job.invited,
    alreadyInvited: job.alreadyInvited,
    expiresAt: job.expiresAt.toISOString(),
    error: job.error,
    createdAt: job.createdAt.toISOString(),
  };
}

function ended(status: 'done' | 'failed'): Partial<InvitationJob> {
  return { status, finishedAt: new Date(), claimedBy: null, lockedUntil: null };
}
