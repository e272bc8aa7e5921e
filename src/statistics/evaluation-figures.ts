import { Injectable } from '@nestjs/common';
import { GroupResult } from '../evaluations/results';

/** A cycle's evaluation results as `summarise` (src/evaluations/results.ts) gives them. */
export interface CycleEvaluation {
  overall: GroupResult;
  seminars: Array<{ seminarId: number; title: string; result: GroupResult }>;
}

/**
 * Where the statistics get evaluation results from. The evaluations module provides the real one
 * under this token; until then the default says there is nothing to show.
 */
export abstract class EvaluationFigures {
  /** The cycle's results, or null when no evaluation has been answered. */
  abstract forCycle(cycleId: number): Promise<CycleEvaluation | null>;
}

@Injectable()
export class NoEvaluationFigures extends EvaluationFigures {
  forCycle(): Promise<CycleEvaluation | null> {
    return Promise.resolve(null);
  }
}
