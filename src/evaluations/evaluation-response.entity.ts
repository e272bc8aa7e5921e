import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Answers } from './questionnaire';

/**
 * One anonymous answer to a seminar's survey. On purpose there is no member, seat, request or
 * token column and no time finer than the day. The id is a random UUID, and on SQLite the table
 * has no rowid, so neither ids nor storage order tell in which order answers arrived.
 */
@Entity('evaluation_responses', { withoutRowid: true })
@Index(['seminarId'])
export class EvaluationResponse {
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
