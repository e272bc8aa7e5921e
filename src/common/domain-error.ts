import { ErrorCode, MessageParams, ParamsOf } from './danish-messages';

/** The kinds of failure a service can report; the exception filter maps each to one HTTP status. */
export type DomainErrorKind =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_attempts'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** What `DomainError.notFound` may say does not exist, with the code it reports. */
const NOT_FOUND = {
  'Allocation proposal': 'allocation.not_found',
  Cycle: 'cycle.not_found',
  'Import job': 'import_job.not_found',
  'Invitation job': 'invitation_job.not_found',
  Material: 'material.not_found',
  Member: 'member.not_found',
  Message: 'message.not_found',
  'Message kind': 'message_kind.not_found',
  Municipality: 'municipality.not_found',
  Region: 'region.not_found',
  Registration: 'registration.not_found',
  Seminar: 'seminar.not_found',
  Session: 'session.not_found',
  'Staff account': 'staff.not_found',
  Venue: 'venue.not_found',
  Wave: 'wave.not_found',
} as const satisfies Record<string, ErrorCode>;

/**
 * An error a service raises in the language of the domain; it never builds an HTTP response itself.
 * `kind` is the category (the HTTP status), `code` the stable name of what happened (the key of
 * its Danish text, see danish-messages.ts), `message` the English sentence for the API.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly params?: MessageParams;

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: C,
    message: string,
    readonly details?: FieldProblem[],
    ...[params]: ParamsOf<C>
  ) {
    super(message);
    this.params = params;
  }

  static notFound(what: keyof typeof NOT_FOUND, id: string | number): DomainError {
    return new DomainError('not_found', NOT_FOUND[what], `${what} ${id} does not exist`);
  }
}
