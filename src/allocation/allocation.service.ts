import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EntityManager, FindOptionsSelect, In, IsNull, LessThan } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { BackgroundWork } from '../common/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { SeminarsService } from '../planning/seminars.service';
import { Wave } from '../planning/wave.entity';
import { requireCycle } from '../planning/waves.service';
import { SeatActor } from '../registrations/seat-events';
import { isSecondActiveSeat, SeatService } from '../registrations/seat.service';
import { AllocationScope, GatheredInput, gatherInput } from './allocation-input';
import { AllocationProposal, ProposalStatus } from './allocation-proposal.entity';
import { ProposeAllocationDto } from './dto/propose-allocation.dto';
import { danishChanges, describeChanges } from './input-fingerprint';
import {
  kFor,
  namedMemberIds,
  pFor,
  ProposalSummary,
  SolvedProposal,
  solveProposal,
  withMemberNames,
} from './proposal-summary';
import { Replan, replanInput } from './replan';
import { solveInWorker } from './solve-in-worker';
import type { MipProgress } from './solver/mixed-allocation';

/** A solving proposal whose heartbeat (config `allocationHeartbeatMs`) is older than this was cut off (a crash, a restart). */
export const STALE_AFTER_MS = 30_000;
export const SHUTDOWN_REASON = 'Beregningen blev stoppet, fordi serveren lukkede ned. Lav et nyt forslag.';
export const CUT_OFF_REASON =
  'Beregningen blev afbrudt, før forslaget var færdigt (serveren stoppede eller genstartede). Lav et nyt forslag.';
export const MEMORY_REASON =
  'Beregningen blev stoppet, fordi den brugte mere hukommelse, end serveren tillader. Lav et forslag for færre medlemmer (f.eks. én bølge), eller bed driften om mere hukommelse til fordelingen.';
export const CRASH_REASON =
  'Beregningen stoppede med en fejl, før forslaget var færdigt. Lav et nyt forslag; sker det igen, så kontakt driften.';

export interface ProposalView {
  id: number;
  cycleId: number;
  waveId: number | null;
  status: ProposalStatus;
  options: AllocationProposal['options'];
  kUsed: number | null;
  pUsed: number | null;
  /** While solving: when the solver last showed signs of life, and how far it got. */
  heartbeatAt: Date | null;
  progress: MipProgress | null;
  inputFingerprint: string;
  error: string | null;
  createdAt: Date;
  solvedAt: Date | null;
  appliedAt: Date | null;
  /** In the list: the headline figures only. */
  totals?: Pick<ProposalSummary, 'members' | 'placed' | 'unplacedCount' | 'totalKm' | 'averageKm'> | null;
  summary?: ProposalSummary | null;
  placements?: AllocationProposal['placements'];
}

export interface ProposeOutcome {
  /** false when the proposal is being solved in the background. */
  solved: boolean;
  proposal: ProposalView;
}

/** Allocation proposals: gathered from the database, solved by the pure solver, applied as seats. */
@Injectable()
export class AllocationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AllocationService.name);
  /** Stops the worker threads when the app stops: their proposals fail with the reason rather than hold the exit. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly transactor: Transactor,
    private readonly seats: SeatService,
    private readonly seminars: SeminarsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly background: BackgroundWork,
  ) {}

  /**
   * Makes a proposal. Up to ALLOCATION_INLINE_LIMIT members it is solved before answering;
   * above it the proposal is stored as `solving` and solved after the answer has gone. With a
   * party rule, or in the background, the solve runs in a worker thread.
   *
   * With `replanSeminarId` it is a re-plan after one seminar changed (see replan.ts): only the
   * members who must move are candidates. Without `replanCapacity` the seminar must be cancelled;
   * with it, the capacity must be below the seats taken (a shrink), and applying moves the surplus
   * and then lowers the capacity, so seats never exceed it.
   */
  async propose(
    cycleId: number,
    request: ProposeAllocationDto,
    staffId: number | null,
    mode: 'auto' | 'inline' = 'auto',
  ): Promise<ProposeOutcome> {
    const replan: Replan | null =
      request.replanSeminarId === undefined
        ? null
        : { seminarId: request.replanSeminarId, capacity: request.replanCapacity ?? null };
    const scope: AllocationScope = {
      cycleId,
      waveId: request.waveId ?? null,
      rebalance: request.rebalance ?? false,
      replan,
    };
    const { input, proposal } = await this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      if (scope.waveId !== null && !(await m.existsBy(Wave, { id: scope.waveId, cycleId }))) {
        throw DomainError.notFound('Wave', scope.waveId);
      }
      if (replan) await checkReplan(m, cycleId, replan);
      const gathered = replan
        ? await gatherInput(m, scope).then((all) =>
            replanInput(all, replan, { k: kFor(all, request), p: pFor(all, request) }),
          )
        : await gatherInput(m, scope);
      const saved = await m.save(
        m.create(AllocationProposal, {
          cycleId,
          waveId: scope.waveId,
          status: 'solving',
          options: {
            waveId: scope.waveId,
            maxPerMunicipality: request.maxPerMunicipality ?? null,
            municipalityRule: request.municipalityRule ?? true,
            maxPerParty: request.maxPerParty ?? null,
            partyRule: pFor(gathered, request) !== null,
            rebalance: scope.rebalance,
            preferenceBonusKm: request.preferenceBonusKm ?? [],
            replan,
          },
          kUsed: kFor(gathered, request),
          pUsed: pFor(gathered, request),
          heartbeatAt: new Date(),
          progress: null,
          fingerprint: gathered.fingerprint,
          summary: null,
          placements: null,
          error: null,
          createdBy: staffId,
          solvedAt: null,
          appliedAt: null,
          appliedBy: null,
        }),
      );
      return { input: gathered, proposal: saved };
    });

    const inline = mode === 'inline' || input.members.length <= this.config.allocationInlineLimit;
    const inWorker = !inline || proposal.pUsed !== null;
    if (inline) {
      await this.solveAndStore(proposal, input, request, inWorker);
      return { solved: true, proposal: await this.get(cycleId, proposal.id) };
    }
    void this.background.detached(
      `Allocation proposal ${proposal.id}`,
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        await this.solveAndStore(proposal, input, request, inWorker);
      },
      () => this.stopping.abort(SHUTDOWN_REASON),
    );
    return { solved: false, proposal: view(proposal, true) };
  }

  list(cycleId: number): Promise<ProposalView[]> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      await failCutOff(m, cycleId);
      // Without the placements (a seat per member): the list shows the headline figures only.
      const rows = await m.find(AllocationProposal, {
        select: LISTED,
        where: { cycleId },
        order: { id: 'DESC' },
      });
      return rows.map((row) => view(row, false));
    });
  }

  get(cycleId: number, id: number): Promise<ProposalView> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      await failCutOff(m, cycleId);
      return this.detailed(m, await this.find(m, cycleId, id));
    });
  }

  /**
   * Creates the proposed seats in one transaction, if the input is still what the proposal was
   * made from; otherwise refuses (409) naming what changed, and nothing is applied.
   */
  async apply(cycleId: number, id: number, actor: SeatActor): Promise<ProposalView> {
    try {
      return await this.transactor.run(async (m) => {
        const proposal = await this.find(m, cycleId, id);
        if (proposal.status !== 'ready') throw notReady(proposal, 'applied');
        // Claimed first: on PostgreSQL this locks the row, so a second apply waits and then finds it applied.
        const claimed = await m
          .createQueryBuilder()
          .update(AllocationProposal)
          .set({
            status: 'applied',
            appliedAt: new Date(),
            appliedBy: actor.kind === 'planner' ? actor.staffId : null,
          })
          .where('id = :id AND status = :ready', { id, ready: 'ready' })
          .execute();
        if (claimed.affected !== 1)
          throw new DomainError(
            'conflict',
            'allocation.changed_meanwhile',
            `Proposal ${id} was applied or discarded meanwhile`,
          );
        const replan = proposal.options.replan ?? null;
        const now = await gatherInput(m, {
          cycleId,
          waveId: proposal.waveId,
          rebalance: proposal.options.rebalance,
          replan,
        });
        const changes = describeChanges(proposal.fingerprint, now.fingerprint);
        if (changes.length > 0) {
          const titles = new Map(now.seminars.map((s) => [s.id, s.title]));
          const danish = danishChanges(
            proposal.fingerprint,
            now.fingerprint,
            (s) => titles.get(s) ?? `seminar ${s}`,
          );
          throw new DomainError(
            'conflict',
            'allocation.out_of_date',
            `Proposal ${id} is out of date, nothing was applied; make a new proposal. Changed: ${changes.join('; ')}`,
            undefined,
            { changes: danish.join('; ') },
          );
        }
        const shrink = replan?.capacity != null ? { ...replan, capacity: replan.capacity } : null;
        const left = proposal.summary?.unplacedCount ?? 0;
        if (shrink && left > 0) {
          throw new DomainError(
            'conflict',
            'allocation.replan_incomplete',
            `Proposal ${id}: ${left} members who must move have no seat elsewhere; nothing was applied`,
          );
        }
        await this.seats.placeMany(m, cycleId, proposal.placements ?? [], actor, !shrink);
        if (shrink) {
          const before = proposal.fingerprint.seminars.find((s) => s.id === shrink.seminarId)!.capacity;
          await this.seminars.changeCapacity(m, shrink.seminarId, shrink.capacity, before);
        }
        return this.detailed(m, await this.find(m, cycleId, id));
      });
    } catch (error) {
      if (isSecondActiveSeat(error)) {
        throw new DomainError(
          'conflict',
          'allocation.seat_taken_meanwhile',
          `Proposal ${id}: a member took a seat meanwhile; nothing was applied`,
        );
      }
      throw error;
    }
  }

  discard(cycleId: number, id: number): Promise<ProposalView> {
    return this.transactor.run(async (m) => {
      const proposal = await this.find(m, cycleId, id);
      if (proposal.status === 'applied' || proposal.status === 'discarded')
        throw notReady(proposal, 'discarded');
      await m.update(
        AllocationProposal,
        { id, status: In(['solving', 'ready', 'failed']) },
        { status: 'discarded' },
      );
      return this.detailed(m, await this.find(m, cycleId, id));
    });
  }

  /** Resolves a cycle given by id or by code (the CLI takes either). */
  findCycle(idOrCode: string): Promise<Cycle> {
    return this.transactor.run(async (m) => {
      const cycle = /^\d+$/.test(idOrCode)
        ? await m.findOneBy(Cycle, { id: Number(idOrCode) })
        : await m.findOneBy(Cycle, { code: idOrCode });
      if (!cycle) throw DomainError.notFound('Cycle', idOrCode);
      return cycle;
    });
  }

  /** A proposal left `solving` by a process that is gone is failed with the reason. */
  async onApplicationBootstrap(): Promise<void> {
    await this.transactor.run((m) => failCutOff(m, null));
  }

  /** A solve asked for by a request that is still open stops too. */
  beforeApplicationShutdown(): void {
    this.stopping.abort(SHUTDOWN_REASON);
  }

  private async solveAndStore(
    proposal: AllocationProposal,
    input: GatheredInput,
    request: ProposeAllocationDto,
    inWorker: boolean,
  ): Promise<void> {
    let change: Partial<AllocationProposal>;
    let progress: MipProgress | null = null;
    let beating = Promise.resolve();
    const beat = setInterval(() => {
      const latest = progress;
      beating = beating
        .then(() =>
          this.transactor.run((m) =>
            m.update(
              AllocationProposal,
              { id: proposal.id, status: 'solving' },
              { heartbeatAt: new Date(), progress: latest },
            ),
          ),
        )
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.warn(`Proposal ${proposal.id}: heartbeat not written: ${String(error)}`),
        );
    }, this.config.allocationHeartbeatMs);
    try {
      const timeLimitSeconds = request.timeLimitSeconds ?? this.config.allocationTimeLimitSeconds;
      const solved: SolvedProposal = inWorker
        ? await solveInWorker({ input, request, timeLimitSeconds }, (p) => (progress = p), {
            stop: this.stopping.signal,
            memoryMb: this.config.allocationWorkerMemoryMb,
          })
        : await solveProposal(input, request, { timeLimitSeconds });
      change = {
        status: 'ready',
        summary: withMemberNames(solved.summary, () => null),
        placements: solved.placements,
        solvedAt: new Date(),
      };
    } catch (error) {
      this.logger.error(`Allocation proposal ${proposal.id} could not be solved: ${String(error)}`);
      // The technical text stays in the log; the planner reads a Danish reason.
      const reason = this.stopping.signal.aborted ? SHUTDOWN_REASON : failureReason(error);
      change = { status: 'failed', error: reason, solvedAt: new Date() };
    } finally {
      clearInterval(beat);
      await beating;
    }
    await this.transactor.run((m) =>
      // A proposal discarded while it was solving stays discarded.
      m.update(AllocationProposal, { id: proposal.id, status: 'solving' }, change),
    );
  }

  /**
   * Names are not stored with a proposal but looked up when it is shown, so a member's erasure
   * removes the name from old proposals too.
   */
  private async detailed(m: EntityManager, proposal: AllocationProposal): Promise<ProposalView> {
    const shown = view(proposal, true);
    if (!proposal.summary) return shown;
    const ids = [...new Set(namedMemberIds(proposal.summary))];
    const members =
      ids.length === 0
        ? []
        : await m.find(Member, { where: { id: In(ids) }, select: { id: true, name: true } });
    const names = new Map(members.map((member) => [member.id, member.name]));
    return { ...shown, summary: withMemberNames(proposal.summary, (id) => names.get(id) ?? null) };
  }

  private async find(m: EntityManager, cycleId: number, id: number): Promise<AllocationProposal> {
    await requireCycle(m, cycleId);
    const proposal = await m.findOneBy(AllocationProposal, { id, cycleId });
    if (!proposal) throw DomainError.notFound('Allocation proposal', id);
    return proposal;
  }
}

/** A re-plan's seminar: cancelled, or (to shrink) open with more seats taken than the new capacity. */
async function checkReplan(m: EntityManager, cycleId: number, replan: Replan): Promise<void> {
  const seminar = await m.findOneBy(Seminar, { id: replan.seminarId, cycleId });
  if (!seminar) throw DomainError.notFound('Seminar', replan.seminarId);
  if (replan.capacity === null) {
    if (seminar.status !== 'cancelled')
      throw new DomainError(
        'conflict',
        'allocation.replan_not_cancelled',
        `Seminar ${seminar.id} is not cancelled; give replanCapacity to shrink it`,
      );
    return;
  }
  if (seminar.status !== 'published' || seminar.startsAt.getTime() <= Date.now())
    throw new DomainError(
      'conflict',
      'allocation.replan_not_open',
      `Seminar ${seminar.id} is not published or has begun`,
    );
  if (replan.capacity >= seminar.taken)
    throw new DomainError(
      'validation_failed',
      'allocation.replan_not_needed',
      `Seminar ${seminar.id} has ${seminar.taken} seats taken; ${replan.capacity} needs no re-plan`,
      [{ field: 'replanCapacity', reason: 'must be below the seats taken' }],
    );
}

function failureReason(error: unknown): string {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? MEMORY_REASON
    : CRASH_REASON;
}

function notReady(proposal: AllocationProposal, wanted: 'applied' | 'discarded'): DomainError {
  const why: Record<ProposalStatus, string> = {
    solving: 'is still being solved',
    ready: 'is ready',
    failed: 'failed to solve',
    applied: 'has been applied already',
    discarded: 'has been discarded',
  };
  return new DomainError(
    'conflict',
    'allocation.not_ready',
    `Proposal ${proposal.id} ${why[proposal.status]} and cannot be ${wanted}`,
  );
}

/** Fails every `solving` proposal (of the cycle, or all) whose heartbeat stopped. */
async function failCutOff(m: EntityManager, cycleId: number | null): Promise<void> {
  const cutoff = new Date(Date.now() - STALE_AFTER_MS);
  const scope = cycleId === null ? {} : { cycleId };
  const stale = await m.find(AllocationProposal, {
    select: { id: true },
    where: [
      { ...scope, status: 'solving', heartbeatAt: LessThan(cutoff) },
      { ...scope, status: 'solving', heartbeatAt: IsNull(), createdAt: LessThan(cutoff) },
    ],
  });
  if (stale.length === 0) return;
  await m.update(
    AllocationProposal,
    { id: In(stale.map((p) => p.id)), status: 'solving' },
    { status: 'failed', error: CUT_OFF_REASON, solvedAt: new Date(), progress: null },
  );
}

const LISTED = Object.fromEntries(
  (
    [
      'id',
      'cycleId',
      'waveId',
      'status',
      'options',
      'kUsed',
      'pUsed',
      'heartbeatAt',
      'progress',
      'fingerprint',
      'summary',
      'error',
      'createdBy',
      'createdAt',
      'solvedAt',
      'appliedAt',
      'appliedBy',
    ] as const
  ).map((column) => [column, true]),
) as FindOptionsSelect<AllocationProposal>;

function pick({ members, placed, unplacedCount, totalKm, averageKm }: ProposalSummary) {
  return { members, placed, unplacedCount, totalKm, averageKm };
}

function view(p: AllocationProposal, detailed: boolean): ProposalView {
  return {
    id: p.id,
    cycleId: p.cycleId,
    waveId: p.waveId,
    status: p.status,
    options: p.options,
    kUsed: p.kUsed,
    pUsed: p.pUsed,
    heartbeatAt: p.heartbeatAt,
    progress: p.progress,
    inputFingerprint: p.fingerprint.hash,
    error: p.error,
    createdAt: p.createdAt,
    solvedAt: p.solvedAt,
    appliedAt: p.appliedAt,
    ...(detailed
      ? { summary: p.summary, placements: p.placements }
      : { totals: p.summary && pick(p.summary) }),
  };
}
