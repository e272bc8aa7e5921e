import { FieldProblem } from './domain-error';

/** The one body shape of every failed request. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  requestId?: string;
}
