/** The kinds of failure a service can report; the exception filter maps each to one HTTP status. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_attempts'
  | 'unprocessable';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** An error a service raises in the language of the domain; it never builds an HTTP response itself. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError('not_found', `${what} ${id} does not exist`);
  }
}
