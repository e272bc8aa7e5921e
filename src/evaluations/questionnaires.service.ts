import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Transactor } from '../database/transactor';
import { isUniqueViolation } from '../database/dialect';
import { requireCycle } from '../planning/waves.service';
import { PutQuestionnaireDto } from './dto/questionnaire.dto';
import { EvaluationQuestionnaire } from './evaluation-questionnaire.entity';
import { EvaluationResponse } from './evaluation-response.entity';
import { DEFAULT_QUESTIONS, DEFAULT_SETTINGS, parseQuestions } from './questionnaire';

const VERSION_INDEX = {
  name: 'uq_evaluation_questionnaires_version',
  columns: 'evaluation_questionnaires.cycle_id',
};

export function questionnaireView(q: EvaluationQuestionnaire) {
  return {
    cycleId: q.cycleId,
    version: q.version,
    versionId: q.id,
    hasAnswers: q.hasAnswers,
    questions: q.questions,
    reminderAfterDays: q.reminderAfterDays,
    closesAfterDays: q.closesAfterDays,
    updatedAt: q.updatedAt,
  };
}

@Injectable()
export class QuestionnairesService {
  constructor(private readonly transactor: Transactor) {}

  get(cycleId: number) {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      return questionnaireView(await this.current(m, cycleId));
    });
  }

  /**
   * Replaces the questions and settings. The current version is changed in place while nobody
   * has answered it; once it has answers, changed questions become a new version. The check and
   * the change are one conditional update, so an answer arriving meanwhile cannot slip between.
   */
  async put(cycleId: number, dto: PutQuestionnaireDto) {
    try {
      return await this.replace(cycleId, dto);
    } catch (error) {
      if (isUniqueViolation(error, VERSION_INDEX)) {
        throw new DomainError(
          'conflict',
          'questionnaire.changed_meanwhile',
          'The questionnaire was changed at the same moment; try again',
        );
      }
      throw error;
    }
  }

  private replace(cycleId: number, dto: PutQuestionnaireDto) {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const { questions, problems } = parseQuestions(dto.questions);
      const current = await this.current(m, cycleId);
      const settings = {
        reminderAfterDays: dto.reminderAfterDays ?? current.reminderAfterDays,
        closesAfterDays: dto.closesAfterDays ?? current.closesAfterDays,
      };
      if (settings.reminderAfterDays >= settings.closesAfterDays) {
        problems.push({ field: 'reminderAfterDays', reason: 'must be less than closesAfterDays' });
      }
      if (problems.length > 0) {
        throw new DomainError(
          'validation_failed',
          'questionnaire.invalid',
          'The questionnaire is not valid',
          problems,
        );
      }
      const now = new Date();
      const sameQuestions = isDeepStrictEqual(current.questions, questions);
      const inPlace = await m
        .createQueryBuilder()
        .update(EvaluationQuestionnaire)
        .set({ questions, ...settings, updatedAt: now })
        .where(sameQuestions ? 'id = :id' : 'id = :id AND has_answers = :no', { id: current.id, no: false })
        .execute();
      if (inPlace.affected !== 1) {
        await m.insert(EvaluationQuestionnaire, {
          cycleId,
          version: current.version + 1,
          questions,
          ...settings,
          hasAnswers: false,
          createdAt: now,
          updatedAt: now,
        });
      }
      return questionnaireView(await this.current(m, cycleId));
    });
  }

  /** Every version of the cycle's questionnaire, newest first, with how many answers each holds. */
  history(cycleId: number) {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      await this.current(m, cycleId);
      const versions = await m.find(EvaluationQuestionnaire, {
        where: { cycleId },
        order: { version: 'DESC' },
      });
      const counts = await m
        .createQueryBuilder(EvaluationResponse, 'r')
        .select('r.questionnaire_version_id', 'versionId')
        .addSelect('COUNT(*)', 'n')
        .where('r.questionnaire_version_id IN (:...ids)', { ids: versions.map((v) => v.id) })
        .groupBy('r.questionnaire_version_id')
        .getRawMany<{ versionId: number; n: number | string }>();
      const answers = new Map(counts.map((c) => [Number(c.versionId), Number(c.n)]));
      return versions.map((v) => ({ ...questionnaireView(v), answers: answers.get(v.id) ?? 0 }));
    });
  }

  /** The cycle's current version; the Danish default becomes version 1 on first use. */
  async current(m: EntityManager, cycleId: number): Promise<EvaluationQuestionnaire> {
    const found = await m.findOne(EvaluationQuestionnaire, {
      where: { cycleId },
      order: { version: 'DESC' },
    });
    if (found) return found;
    const now = new Date();
    // Two first uses at once on PostgreSQL: one inserts, the other's insert does nothing.
    await m
      .createQueryBuilder()
      .insert()
      .into(EvaluationQuestionnaire)
      .values({
        cycleId,
        version: 1,
        questions: DEFAULT_QUESTIONS,
        ...DEFAULT_SETTINGS,
        hasAnswers: false,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .execute();
    return m.findOneOrFail(EvaluationQuestionnaire, { where: { cycleId }, order: { version: 'DESC' } });
  }
}
