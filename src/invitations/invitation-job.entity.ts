import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type InviteJobStatus = 'running' | 'done' | 'failed';

/**
 * A mass invitation in the background. `processed` members of `member_ids` (fixed when the job
 * started) are done; it moves in the same transaction as each batch's links, so a job taken over
 * after a crash carries on exactly where the last committed batch ended. A running job belongs to
 * the instance in `claimed_by` until `locked_until`; the instance renews the lease with each batch.
 */
@Entity('invitation_jobs')
export class InvitationJob {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('varchar', { length: 20 })
  status: InviteJobStatus;

  @Column('integer', { name: 'staff_id' })
  staffId: number;

  @Column('simple-json', { name: 'member_ids' })
  memberIds: number[];

  @Column('integer')
  total: number;

  @Column('integer', { default: 0 })
  processed: number;

  @Column('integer', { default: 0 })
  invited: number;

  @Column('integer', { name: 'already_invited', default: 0 })
  alreadyInvited: number;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @Column('varchar', { length: 1000, nullable: true })
  error: string | null;

  @Column('varchar', { name: 'claimed_by', length: 100, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column('integer', { default: 0 })
  takeovers: number;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;
}
