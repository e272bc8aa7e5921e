import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { Wave } from '../planning/wave.entity';
import { ResultsQueryDto } from './dto/results-query.dto';
import { EvaluationQuestionnaire } from './evaluation-questionnaire.entity';
import { EvaluationRequest } from './evaluation-request.entity';
import { EvaluationResponse } from './evaluation-response.entity';
import { Answers } from './questionnaire';
import { QuestionnairesService } from './questionnaires.service';
import { comparableAnswers, GroupResult, poolForWave, summarise } from './results';
import { NamedGroup, resultsToCsv } from './results-csv';

/**
 * A group's figures. `responses` and `responseRate` count every answer; the means, distributions
 * and texts come from `basedOn` of them (fewer in a wave only when a small seminar is left out).
 */
export type Figures = GroupResult & { basedOn: number };

export interface EvaluationResults {
  cycleId: number;
  questionnaireVersion: number;
  /** The whole cycle; null when the query asks for one wave or seminar. */
  cycle: Figures | null;
  waves: Array<{ waveId: number; name: string } & Figures>;
  seminars: Array<{ seminarId: number; waveId: number; title: string; startsAt: Date } & Figures>;
}

/** Figures for planners and KL: per seminar, per wave and for the cycle, against the current questionnaire. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly transactor: Transactor,
    private readonly questionnaires: QuestionnairesService,
  ) {}

  results(cycleId: number, query: ResultsQueryDto): Promise<EvaluationResults> {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      const current = await this.questionnaires.current(m, cycleId);
      const waves = await m.find(Wave, {
        where: { cycleId },
        order: { registrationOpensAt: 'ASC', id: 'ASC' },
      });
      if (query.waveId !== undefined && !waves.some((w) => w.id === query.waveId)) {
        throw DomainError.notFound('Wave', query.waveId);
      }
      const seminars = (
        await m.find(Seminar, { where: { cycleId }, order: { startsAt: 'ASC', id: 'ASC' } })
      ).filter(
        (s) =>
          (query.seminarId === undefined || s.id === query.seminarId) &&
          (query.waveId === undefined || s.waveId === query.waveId),
      );
      if (query.seminarId !== undefined && seminars.length === 0) {
        throw DomainError.notFound('Seminar', query.seminarId);
      }
      const ids = seminars.map((s) => s.id);
      const invited = new Map<number, number>();
      const answers = new Map<number, Answers[]>(ids.map((id) => [id, []]));
      if (ids.length > 0) {
        const counts = await m
          .createQueryBuilder(EvaluationRequest, 'q')
          .select('q.seminar_id', 'seminarId')
          .addSelect('COUNT(*)', 'n')
          .where('q.seminar_id IN (:...ids)', { ids })
          .groupBy('q.seminar_id')
          .getRawMany<{ seminarId: number; n: number | string }>();
        for (const c of counts) invited.set(Number(c.seminarId), Number(c.n));
        const versions = new Map(
          (await m.findBy(EvaluationQuestionnaire, { cycleId })).map((v) => [v.id, v.questions]),
        );
        // Ordered by the random id, so the order of free texts says nothing about who wrote them.
        const responses = await m.find(EvaluationResponse, {
          where: { seminarId: In(ids) },
          order: { id: 'ASC' },
        });
        for (const r of responses) {
          const then = versions.get(r.questionnaireVersionId) ?? [];
          answers.get(r.seminarId)!.push(comparableAnswers(current.questions, then, r.answers));
        }
      }
      const ofSeminar = (s: Seminar) => answers.get(s.id) ?? [];
      const pooled = new Map(
        waves.map((w) => [w.id, poolForWave(seminars.filter((s) => s.waveId === w.id).map(ofSeminar))]),
      );
      const group = (members: Seminar[], basis: Answers[]): Figures => {
        const invitedHere = members.reduce((n, s) => n + (invited.get(s.id) ?? 0), 0);
        const responses = members.reduce((n, s) => n + ofSeminar(s).length, 0);
        return {
          ...summarise(current.questions, basis, invitedHere),
          responses,
          responseRate: invitedHere === 0 ? null : Math.round((responses / invitedHere) * 10_000) / 10_000,
          basedOn: basis.length,
        };
      };
      const whole = query.seminarId === undefined && query.waveId === undefined;
      const shownWaves =
        query.seminarId !== undefined ? [] : waves.filter((w) => whole || w.id === query.waveId);
      return {
        cycleId,
        questionnaireVersion: current.version,
        // The cycle pools exactly what its waves pool, so it gives away nothing they do not.
        cycle: whole
          ? group(
              seminars,
              waves.flatMap((w) => pooled.get(w.id) ?? []),
            )
          : null,
        waves: shownWaves.map((w) => ({
          waveId: w.id,
          name: w.name,
          ...group(
            seminars.filter((s) => s.waveId === w.id),
            pooled.get(w.id) ?? [],
          ),
        })),
        seminars: seminars.map((s) => ({
          seminarId: s.id,
          waveId: s.waveId,
          title: s.title,
          startsAt: s.startsAt,
          ...group([s], ofSeminar(s)),
        })),
      };
    });
  }

  async csv(cycleId: number, query: ResultsQueryDto): Promise<{ filename: string; body: string }> {
    const results = await this.results(cycleId, query);
    const cycle = await this.transactor.run((m) => m.findOneByOrFail(Cycle, { id: cycleId }));
    const groups: NamedGroup[] = [
      ...(results.cycle ? [{ level: 'Forløb' as const, name: cycle.name, result: results.cycle }] : []),
      ...results.waves.map((w) => ({ level: 'Bølge' as const, name: w.name, result: w })),
      ...results.seminars.map((s) => ({ level: 'Seminar' as const, name: s.title, result: s })),
    ];
    return { filename: `evaluering-${cycle.code}.csv`, body: resultsToCsv(groups) };
  }
}
