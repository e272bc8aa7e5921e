import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvaluationResponse } from '../evaluations/evaluation-response.entity';
import { GroupResult } from '../evaluations/results';
import { ResultsService } from '../evaluations/results.service';

/** A cycle's evaluation results as `summarise` (src/evaluations/results.ts) gives them. */
export interface CycleEvaluation {
  overall: GroupResult;
  seminars: Array<{ seminarId: number; title: string; result: GroupResult }>;
}

/** Where the statistics get evaluation results from (replaced by a stub in some tests). */
export abstract class EvaluationFigures {
  /** The cycle's results, or null when no evaluation has been answered. */
  abstract forCycle(cycleId: number): Promise<CycleEvaluation | null>;
}

/** The evaluations module's own results, with its small-group rules, for the statistics. */
@Injectable()
export class SurveyEvaluationFigures extends EvaluationFigures {
  constructor(
    private readonly results: ResultsService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async forCycle(cycleId: number): Promise<CycleEvaluation | null> {
    const answered = await this.dataSource
      .createQueryBuilder(EvaluationResponse, 'r')
      .innerJoin('seminars', 's', 's.id = r.seminar_id')
      .where('s.cycle_id = :cycleId', { cycleId })
      .getExists();
    if (!answered) return null;
    const results = await this.results.results(cycleId, {});
    return {
      overall: results.cycle!,
      seminars: results.seminars.map((s) => ({ seminarId: s.seminarId, title: s.title, result: s })),
    };
  }
}
