import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Question } from './questionnaire';

/**
 * One version of a cycle's questionnaire; the highest version is the current one and carries the
 * cycle's survey settings. A version that has answers is never changed in its questions: a change
 * then becomes a new version, and the answers stay linked to the one they were given to.
 */
@Entity('evaluation_questionnaires')
@Index('uq_evaluation_questionnaires_version', ['cycleId', 'version'], { unique: true })
export class EvaluationQuestionnaire {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer')
  version: number;

  @Column('simple-json')
  questions: Question[];

  @Column('integer', { name: 'reminder_after_days' })
  reminderAfterDays: number;

  @Column('integer', { name: 'closes_after_days' })
  closesAfterDays: number;

  /** Set by the first answer, in its transaction; from then on the questions are frozen. */
  @Column('boolean', { name: 'has_answers', default: false })
  hasAnswers: boolean;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
