import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { hashPersonalToken, looksLikePersonalToken } from '../invitations/personal-token';
import { Seminar } from '../planning/seminar.entity';
import { EvaluationQuestionnaire } from './evaluation-questionnaire.entity';
import { EvaluationRequest } from './evaluation-request.entity';
import { AnswerProblem, Question, validateAnswers } from './questionnaire';
import { QuestionnairesService } from './questionnaires.service';
import { ResponseRelease } from './response-release';
import { danishDay } from './survey-schedule';

export type SurveyLink =
  { state: 'unknown' } | { state: 'answered' } | { state: 'open'; seminar: Seminar; questions: Question[] };

export type SubmitOutcome =
  | { outcome: 'stored' }
  | { outcome: 'unknown' }
  | { outcome: 'answered' }
  | { outcome: 'invalid'; seminar: Seminar; questions: Question[]; problems: AnswerProblem[] };

class InvalidAnswers extends Error {
  constructor(
    readonly seminar: Seminar,
    readonly questions: Question[],
    readonly problems: AnswerProblem[],
  ) {
    super('invalid answers');
  }
}

class AlreadyAnswered extends Error {}

/** The survey behind a link: shown while open, answered once, stored without a trace of who answered. */
@Injectable()
export class SurveyService {
  private readonly logger = new Logger(SurveyService.name);

  constructor(
    private readonly transactor: Transactor,
    private readonly questionnaires: QuestionnairesService,
    private readonly release: ResponseRelease,
  ) {}

  open(token: string, now = new Date()): Promise<SurveyLink> {
    return this.transactor.run(async (m) => {
      const request = await this.requestOf(m, token, now);
      if (!request) return { state: 'unknown' };
      if (request.answered) return { state: 'answered' };
      const seminar = await m.findOneByOrFail(Seminar, { id: request.seminarId });
      const { questions } = await this.questionnaires.current(m, seminar.cycleId);
      return { state: 'open', seminar, questions };
    });
  }

  /**
   * Marks the request answered and holds the answer, in one transaction, then files it among the
   * seminar's answers in transactions of their own (ResponseRelease: nothing stored pairs an
   * answer with its request, not even a transaction id). The answer gets a random id, the
   * seminar, the questionnaire version and the day; nothing that leads back to the request. The
   * request is flipped by a conditional update, so a second submission (even at the same moment)
   * stores nothing.
   */
  async submit(token: string, raw: Record<string, unknown>, now = new Date()): Promise<SubmitOutcome> {
    const outcome = await this.store(token, raw, now);
    if (outcome.outcome === 'stored') {
      // The answer is safe either way: held answers are released at the next start too.
      await this.release
        .release(outcome.seminarId)
        .catch((error: Error) => this.logger.error(`Filing an evaluation answer failed: ${error.message}`));
      return { outcome: 'stored' };
    }
    return outcome;
  }

  /**
   * Many answers at once (the demo data set's): each is stored as `submit` stores it, in a
   * transaction of its own, and each seminar's held answers are then filed once, not once per answer.
   */
  async submitMany(
    submissions: Array<{ token: string; answers: Record<string, unknown> }>,
    now = new Date(),
  ): Promise<SubmitOutcome[]> {
    const outcomes: SubmitOutcome[] = [];
    const seminars = new Set<number>();
    for (const { token, answers } of submissions) {
      const outcome = await this.store(token, answers, now);
      if (outcome.outcome === 'stored') seminars.add(outcome.seminarId);
      outcomes.push(outcome.outcome === 'stored' ? { outcome: 'stored' } : outcome);
    }
    for (const seminarId of seminars) await this.release.release(seminarId);
    return outcomes;
  }

  private async store(
    token: string,
    raw: Record<string, unknown>,
    now: Date,
  ): Promise<Exclude<SubmitOutcome, { outcome: 'stored' }> | { outcome: 'stored'; seminarId: number }> {
    try {
      return await this.transactor.run(async (m) => {
        const request = await this.requestOf(m, token, now);
        if (!request) return { outcome: 'unknown' as const };
        if (request.answered) return { outcome: 'answered' as const };
        const seminar = await m.findOneByOrFail(Seminar, { id: request.seminarId });
        const version = await this.freezeCurrentVersion(m, seminar.cycleId);
        const { answers, problems } = validateAnswers(version.questions, raw);
        if (problems.length > 0) throw new InvalidAnswers(seminar, version.questions, problems);
        const flipped = await m
          .createQueryBuilder()
          .update(EvaluationRequest)
          .set({ answered: true })
          .where('id = :id AND answered = :no', { id: request.id, no: false })
          .execute();
        if (flipped.affected !== 1) throw new AlreadyAnswered();
        await this.release.hold(m, {
          id: randomUUID(),
          seminarId: seminar.id,
          questionnaireVersionId: version.id,
          answeredOn: danishDay(now),
          answers,
        });
        return { outcome: 'stored' as const, seminarId: seminar.id };
      });
    } catch (error) {
      // Thrown rather than returned so that the transaction, and the frozen version, roll back.
      if (error instanceof InvalidAnswers) {
        const { seminar, questions, problems } = error;
        return { outcome: 'invalid' as const, seminar, questions, problems };
      }
      if (error instanceof AlreadyAnswered) return { outcome: 'answered' as const };
      throw error;
    }
  }

  /**
   * Marks the current version as answered before reading its questions. On PostgreSQL the update
   * waits for a planner's change in progress and then reads what it wrote; a change that comes
   * after sees the mark and makes a new version instead.
   */
  private async freezeCurrentVersion(m: EntityManager, cycleId: number): Promise<EvaluationQuestionnaire> {
    const current = await this.questionnaires.current(m, cycleId);
    await m
      .createQueryBuilder()
      .update(EvaluationQuestionnaire)
      .set({ hasAnswers: true })
      .where('id = :id AND has_answers = :no', { id: current.id, no: false })
      .execute();
    return m.findOneByOrFail(EvaluationQuestionnaire, { id: current.id });
  }

  /** The request a link belongs to, or null for a wrong or closed link, or one of an erased member. */
  private async requestOf(m: EntityManager, token: string, now: Date): Promise<EvaluationRequest | null> {
    if (!looksLikePersonalToken(token)) return null;
    const request = await m
      .createQueryBuilder(EvaluationRequest, 'q')
      .where('q.token_hash = :hash OR q.reminder_token_hash = :hash OR q.page_token_hash = :hash', {
        hash: hashPersonalToken(token),
      })
      .getOne();
    if (!request || now >= request.closesAt) return null;
    const member = await m.findOne(Member, {
      where: { id: request.memberId },
      select: { id: true, erasedAt: true },
    });
    return member && !member.erasedAt ? request : null;
  }
}
