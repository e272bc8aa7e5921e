import { Injectable, Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Dialect } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { AnonymousAnswer, EvaluationResponse, EvaluationSubmission } from './evaluation-response.entity';
import { EvaluationRequest } from './evaluation-request.entity';

/** The first half of the lock key of a seminar's answers (the seminar is the second). */
const RELEASE_LOCK = 0x4b415454;
const INSERT_CHUNK = 500;

/** Fisher–Yates with a cryptographic generator: no seed to recover, no bias. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const answerColumns = (a: AnonymousAnswer): AnonymousAnswer => ({
  id: a.id,
  seminarId: a.seminarId,
  questionnaireVersionId: a.questionnaireVersionId,
  answeredOn: a.answeredOn,
  answers: a.answers,
});

/**
 * Files answers so that someone with full access to the database cannot tell whose an answer is
 * better than by chance among the seminar's answers (README, "Anonymous answers").
 *
 * 1. The submitter's transaction marks the request answered (so a link answers once and the
 *    reminder skips the member) and `hold`s the answer in evaluation_submissions: atomic, so a
 *    crash loses nothing.
 * 2. `release`, in a transaction of its own, moves the seminar's held answers into
 *    evaluation_responses by deleting ALL the seminar's answers and inserting them again in
 *    random order: every answer of the seminar then carries this one transaction's id (xmin on
 *    PostgreSQL) and sits on disk in an order that has nothing to do with arrival.
 * 3. A third transaction writes every request of the seminar again, one by one in random order,
 *    so that no request keeps the id of the transaction that marked it answered (which is next
 *    to the release's) nor a place on disk that follows when it was answered.
 * 4. On PostgreSQL a VACUUM then removes the dead row versions steps 2 and 3 left behind, which
 *    pageinspect could otherwise still pair. On SQLite, `secure_delete` (set on the connection,
 *    src/database/data-source-options.ts) zeroes what was deleted, and the WAL is checkpointed.
 */
@Injectable()
export class ResponseRelease {
  private readonly logger = new Logger(ResponseRelease.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  /** Step 1, inside the transaction that marks the request answered. */
  async hold(manager: EntityManager, answer: AnonymousAnswer): Promise<void> {
    await manager.insert(EvaluationSubmission, answerColumns(answer));
  }

  /** Steps 2 to 4 for one seminar. */
  async release(seminarId: number): Promise<void> {
    const moved = await this.transactor.run((m) => this.fileAnswers(m, seminarId));
    if (moved === 0) return;
    await this.transactor.run((m) => this.rewriteRequests(m, seminarId));
    await this.clearTraces();
  }

  /**
   * Every seminar with held answers; returns how many seminars there were. Run at every start
   * (prepareDatabase), for answers a crash left between step 1 and step 2.
   */
  async releaseAllHeld(): Promise<number> {
    const seminars: Array<{ seminarId: number }> = await this.dataSource
      .createQueryBuilder(EvaluationSubmission, 's')
      .select('DISTINCT s.seminar_id', 'seminarId')
      .getRawMany();
    for (const { seminarId } of seminars) await this.release(Number(seminarId));
    return seminars.length;
  }

  private async fileAnswers(m: EntityManager, seminarId: number): Promise<number> {
    // Two releases of one seminar at once (two instances) would otherwise both rewrite it.
    await this.dialect.lockForTransaction(m, [RELEASE_LOCK, seminarId]);
    const held = await m.findBy(EvaluationSubmission, { seminarId });
    if (held.length === 0) return 0;
    const filed = await m.findBy(EvaluationResponse, { seminarId });
    // By id: a submission committed after the read above stays for the next release.
    await m.delete(EvaluationSubmission, { id: In(held.map((h) => h.id)) });
    await m.delete(EvaluationResponse, { seminarId });
    const all = shuffled([...filed, ...held].map(answerColumns));
    for (let i = 0; i < all.length; i += INSERT_CHUNK) {
      // One multi-row INSERT writes its rows in the order given: the shuffled one.
      await m.insert(EvaluationResponse, all.slice(i, i + INSERT_CHUNK));
    }
    return held.length;
  }

  private async rewriteRequests(m: EntityManager, seminarId: number): Promise<void> {
    const requests = await m.find(EvaluationRequest, { where: { seminarId }, select: { id: true } });
    for (const { id } of shuffled(requests)) {
      await m
        .createQueryBuilder()
        .update(EvaluationRequest)
        .set({ answered: () => 'answered' })
        .where('id = :id', { id })
        .execute();
    }
  }

  /** Best effort: an answer is safely filed whether or not this succeeds; the next release tries again. */
  private async clearTraces(): Promise<void> {
    await this.dialect
      .clearDeadRows(this.dataSource, [
        'evaluation_submissions',
        'evaluation_responses',
        'evaluation_requests',
      ])
      .catch((error: Error) =>
        this.logger.warn(`Clearing dead rows after filing answers failed: ${error.message}`),
      );
  }
}
