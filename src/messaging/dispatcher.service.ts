import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { BackgroundWork } from '../common/background-work';
import { Clock } from '../common/clock';
import { DataSource, EntityManager, In } from 'typeorm';
import { Dialect } from '../database/dialect';
import { caseById } from '../database/named-query';
import { Transactor } from '../database/transactor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { returnPath } from './bounces/verp';
import { classifySendError, keptAnswer, retryDelayMs } from './delivery-policy';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { OutboxDrafts } from './outbox-drafts';
import { OutboxMessage } from './outbox-message.entity';

interface SendResult {
  message: OutboxMessage;
  answer: string | null;
  error: unknown;
}

export interface DispatchSummary {
  sent: number;
  retrying: number;
  failed: number;
}

/** Rows a dispatcher may take: due pending rows, and rows whose claim ran out (a crashed dispatcher). */
const DUE = `((status = 'pending' AND next_attempt_at <= :now) OR (status = 'sending' AND locked_until < :now))`;

/**
 * Sends the outbox. Each batch is claimed first (status `sending`, a claim id, a lease, its drafts
 * written out in the same transaction), then
 * handed to the transport whole so the SMTP pool's connections stay busy, and the outcome is
 * written back. A crash after sending but before the write-back means those messages go out
 * again when the lease expires: at least once, with duplicates at most the batches in flight
 * (two).
 */
@Injectable()
export class DispatcherService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(DispatcherService.name);
  // Fits claimed_by (100) with the batch counter appended.
  private readonly instanceId = `${hostname().slice(0, 50)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private claims = 0;
  private running: Promise<DispatchSummary> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly background: BackgroundWork,
    private readonly clock: Clock,
    private readonly drafts: OutboxDrafts,
  ) {}

  onApplicationBootstrap(): void {
    this.background.every('Dispatch', this.config.mail.dispatchIntervalMs, () => this.drain());
  }

  /**
   * Lets the batches in flight finish and gives back the one claimed but not yet sent. Before the
   * database closes: a write-back that failed here would leave its messages to wait out the lease
   * and go out twice.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  /** The dispatcher is the transport's only user. */
  onApplicationShutdown(): void {
    this.transport.close();
  }

  /**
   * Sends everything that is due now, batch after batch, and returns what happened. Messages
   * that failed temporarily wait for their next attempt and are not retried within this call.
   * Concurrent calls on one instance share the run in progress.
   */
  drain(onProgress?: (done: number) => void): Promise<DispatchSummary> {
    this.running ??= this.drainBatches(onProgress).finally(() => (this.running = undefined));
    return this.running;
  }

  /** How many messages are due now (for a progress bar). */
  async countDue(): Promise<number> {
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE ${DUE}`,
      { now: this.clock.now() },
    );
    const [{ n }] = await this.dataSource.query(sql, params);
    return Number(n);
  }

  private async drainBatches(onProgress?: (done: number) => void): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, retrying: 0, failed: 0 };
    const inFlight = new Set<Promise<void>>();
    const failures: unknown[] = [];
    // Two batches are handed to the pool at once and the next one is claimed meanwhile, so the
    // connections never wait for a batch's write-back or the next claim.
    let next = this.claim();
    try {
      for (;;) {
        const batch = await next;
        if (batch.length === 0) break;
        if (this.stopped || failures.length > 0) {
          await this.release(batch);
          break;
        }
        next = this.claim();
        const sending: Promise<void> = this.sendBatch(batch).then(
          (outcome) => {
            summary.sent += outcome.sent;
            summary.retrying += outcome.retrying;
            summary.failed += outcome.failed;
            onProgress?.(summary.sent + summary.retrying + summary.failed);
          },
          (error: unknown) => void failures.push(error),
        );
        inFlight.add(sending);
        void sending.finally(() => inFlight.delete(sending));
        if (inFlight.size >= 2) await Promise.race(inFlight);
      }
    } catch (error) {
      failures.push(error);
      await next.then((left) => this.release(left)).catch(() => undefined);
    }
    await Promise.all(inFlight);
    if (failures.length > 0) throw failures[0];
    return summary;
  }

  /**
   * Takes up to one batch of due rows for this dispatcher, ready to send; empty only when nothing is
   * due (a batch whose drafts all failed to be written is followed by the next one).
   */
  private async claim(): Promise<OutboxMessage[]> {
    for (;;) {
      const { claimed, ready } = await this.claimOnce();
      if (claimed === 0 || ready.length > 0) return ready;
    }
  }

  private async claimOnce(): Promise<{ claimed: number; ready: OutboxMessage[] }> {
    const claimId = `${this.instanceId}:${++this.claims}`;
    const now = this.clock.now();
    const { dispatchBatchSize, dispatchLeaseMs, maxAttempts } = this.config.mail;
    const lease = new Date(now.getTime() + dispatchLeaseMs);
    const work = async (manager: EntityManager) => {
      // A message whose claim keeps running out is taking its dispatcher down with it.
      await this.execute(
        manager,
        `UPDATE outbox_messages SET status = 'failed', last_error = :reason, locked_until = NULL
         WHERE status = 'sending' AND locked_until < :now AND attempts >= :max`,
        { now, max: maxAttempts, reason: `Gave up: the dispatcher stopped during ${maxAttempts} attempts` },
      );
      const ids = await this.dialect.claimIds(
        manager
          .createQueryBuilder(OutboxMessage, 'm')
          .select('m.id', 'id')
          .where(DUE, { now })
          .orderBy('m.next_attempt_at')
          .addOrderBy('m.id')
          .limit(dispatchBatchSize),
      );
      if (ids.length === 0) return { claimed: 0, ready: [] };
      await this.execute(
        manager,
        `UPDATE outbox_messages SET status = 'sending', claimed_by = :claimId, locked_until = :lease,
         attempts = attempts + 1 WHERE id IN (:...ids)`,
        { claimId, lease, ids },
      );
      const claimed = await manager.find(OutboxMessage, {
        where: { claimedBy: claimId, status: 'sending' },
        order: { id: 'ASC' },
      });
      return { claimed: claimed.length, ready: await this.drafts.writeOut(manager, claimed) };
    };
    return this.transactor.run(work);
  }

  private async sendBatch(batch: OutboxMessage[]): Promise<DispatchSummary> {
    const results: SendResult[] = await Promise.all(
      batch.map((m) =>
        this.transport
          .send({
            key: m.key,
            to: { name: m.recipientName, address: m.recipientEmail },
            subject: m.subject,
            html: m.html,
            text: m.text,
            calendar: m.ics ? { filename: m.icsFilename ?? 'kattegat.ics', content: m.ics } : null,
            returnPath: this.returnPathOf(m.id),
          })
          .then(
            (answer) => ({ message: m, answer: keptAnswer(answer), error: undefined }),
            (error: unknown) => ({ message: m, answer: null, error }),
          ),
      ),
    );
    const now = this.clock.now();
    const sent = results.filter((r) => r.error === undefined);
    const summary: DispatchSummary = { sent: sent.length, retrying: 0, failed: 0 };
    await this.transactor.run(async (manager) => {
      await this.recordSent(manager, batch[0].claimedBy!, sent, now);
      await this.recordFailures(manager, results, now, summary);
    });
    return summary;
  }

  /**
   * The batch's successes in one statement, each with its own server answer (a queue id makes
   * every answer different, so rows cannot be grouped by it).
   */
  private async recordSent(
    manager: EntityManager,
    claimId: string,
    sent: SendResult[],
    now: Date,
  ): Promise<void> {
    if (sent.length === 0) return;
    const params: Record<string, unknown> = { now, claimId, ids: sent.map((r) => r.message.id) };
    const answers = caseById(
      'answer',
      sent.map((r) => [r.message.id, r.answer]),
      params,
    );
    await this.execute(
      manager,
      `UPDATE outbox_messages SET status = 'sent', sent_at = :now, locked_until = NULL, last_error = NULL,
         smtp_response = ${answers}
       WHERE id IN (:...ids) AND claimed_by = :claimId`,
      params,
    );
  }

  /** Failures are rare and written one by one. */
  private async recordFailures(
    manager: EntityManager,
    results: SendResult[],
    now: Date,
    summary: DispatchSummary,
  ): Promise<void> {
    for (const { message, error } of results) {
      if (error === undefined) continue;
      const failure = classifySendError(error);
      const retry = failure.temporary && message.attempts < this.config.mail.maxAttempts;
      // Only the id and the server's answer, with any address in it masked: never the
      // recipient or the body (personal links). The row keeps the full answer for the planner.
      this.logger.warn(
        `Message ${message.id} (${message.kind}) ${retry ? 'will be retried' : 'failed'}: ${failure.reason.replace(/[^\s<>@]+@[^\s<>]+/g, '[address]')}`,
      );
      if (retry) summary.retrying++;
      else summary.failed++;
      await manager.update(
        OutboxMessage,
        { id: message.id, claimedBy: message.claimedBy! },
        retry
          ? {
              status: 'pending',
              lastError: failure.reason,
              lockedUntil: null,
              nextAttemptAt: new Date(
                now.getTime() + retryDelayMs(message.attempts, this.config.mail.retryBaseMs),
              ),
            }
          : { status: 'failed', lastError: failure.reason, lockedUntil: null },
      );
    }
  }

  private returnPathOf(messageId: number): string | undefined {
    const { domain, secret } = this.config.bounces;
    return domain && secret ? returnPath(messageId, domain, secret) : undefined;
  }

  /** Gives a claimed batch back when the run stops before sending it. */
  private async release(batch: OutboxMessage[]): Promise<void> {
    if (batch.length === 0) return;
    await this.transactor.run((manager) =>
      manager.update(
        OutboxMessage,
        { id: In(batch.map((m) => m.id)), claimedBy: batch[0].claimedBy!, status: 'sending' },
        { status: 'pending', lockedUntil: null, attempts: () => 'attempts - 1' },
      ),
    );
  }

  private async execute(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<void> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    await manager.query(query, values);
  }
}
