import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CYCLE_STATUSES = ['planning', 'active', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** One election and the Kattegat programme that follows it (e.g. KV25). */
@Entity('cycles')
export class Cycle {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 20, unique: true })
  code: string;

  @Column('varchar', { length: 200 })
  name: string;

  /** Calendar dates (YYYY-MM-DD) in Danish time. */
  @Column('date', { name: 'election_date' })
  electionDate: string;

  @Column('date', { name: 'term_start' })
  termStart: string;

  @Column('varchar', { length: 20, default: 'planning' })
  status: CycleStatus;

  /** The first invitation reminder, this many days after the invitation. */
  @Column('integer', { name: 'invitation_reminder_after_days', default: 7 })
  invitationReminderAfterDays: number;

  /** The last invitation reminder, this many days before registration closes. */
  @Column('integer', { name: 'invitation_reminder_before_deadline_days', default: 5 })
  invitationReminderBeforeDeadlineDays: number;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
