import { FieldProblem } from './domain-error';

/** The one body shape of every failed request. */
export interface ErrorBody {
  statusCode: number;
  /** The category of the failure. */
  error: string;
  /** The stable name of what happened, e.g. `seat.seminar_full` (its Danish text: danish-messages.ts). */
  code: string;
  message: string;
  details?: FieldProblem[];
  requestId?: string;
}
