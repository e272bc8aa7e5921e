import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Answers } from './questionnaire';

/**
 * The columns of an anonymous answer. On purpose there is no member, seat, request or token
 * column and no time finer than the day. The id is a random UUID, and on SQLite the tables have
 * no rowid, so neither ids nor storage order tell in which order answers arrived.
 */
export abstract class AnonymousAnswer {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('integer', { name: 'seminar_id' })
  seminarId: number;

  @Column('integer', { name: 'questionnaire_version_id' })
  questionnaireVersionId: number;

  /** The Danish calendar date the answer was given (YYYY-MM-DD). */
  @Column('date', { name: 'answered_on' })
  answeredOn: string;

  @Column('simple-json')
  answers: Answers;
}

/**
 * One anonymous answer to a seminar's survey, as the results read it. Written only by
 * ResponseRelease (src/evaluations/response-release.ts), which rewrites all of a seminar's
 * answers at once, in random order, in a transaction of its own.
 */
@Entity('evaluation_responses', { withoutRowid: true })
@Index(['seminarId'])
export class EvaluationResponse extends AnonymousAnswer {}

/**
 * An answer just given, written in the transaction that marks the request answered and moved
 * into evaluation_responses right after, in another transaction. It exists so that a crash
 * between the two loses no answer; a row found here at start is released then.
 */
@Entity('evaluation_submissions', { withoutRowid: true })
@Index(['seminarId'])
export class EvaluationSubmission extends AnonymousAnswer {}
