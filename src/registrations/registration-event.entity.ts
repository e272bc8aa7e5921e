import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const EVENT_KINDS = [
  'invitation_issued',
  'registered',
  'waitlisted',
  'promoted',
  'cancelled',
  'moved',
  'moved_away',
  'swap_wished',
  'swapped',
  'swap_withdrawn',
  'reinstated',
  'attended',
  'no_show',
  'attendance_undone',
  'seminar_changed',
  'seminar_cancelled',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventDetails = Record<string, string | number | boolean | null>;

export const ACTORS = ['member', 'planner', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

/**
 * What happened to a member's invitation or seat, who did it and when; written in the same
 * transaction as the change, for the messaging to turn into e-mails and calendar updates.
 */
@Entity('registration_events')
@Index(['memberId'])
@Index(['registrationId'])
export class RegistrationEvent {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 30 })
  kind: EventKind;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @Column('integer', { name: 'registration_id', nullable: true })
  registrationId: number | null;

  @Column('integer', { name: 'seminar_id', nullable: true })
  seminarId: number | null;

  @Column('integer', { name: 'invitation_id', nullable: true })
  invitationId: number | null;

  @Column('varchar', { length: 10 })
  actor: Actor;

  @Column('integer', { name: 'staff_id', nullable: true })
  staffId: number | null;

  /** The registration's calendar sequence after the change. */
  @Column('integer', { name: 'calendar_sequence', nullable: true })
  calendarSequence: number | null;

  /** Kind-specific facts, e.g. `{ fromSeminarId }` for a move or the old times of a changed seminar. */
  @Column('simple-json', { nullable: true })
  details: EventDetails | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
