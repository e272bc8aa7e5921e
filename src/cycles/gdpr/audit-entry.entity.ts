import { StaffChange } from '../../auth/staff-events';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which member, cycle or staff account (`details.staffUserId`), and when. Holds ids and counts only, never the
 * personal data itself, so it may outlive an erasure.
 */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @CreateDateColumn({ name: 'at', type: Date })
  at: Date;

  /** The staff account, or null for the command line. */
  @Column('integer', { name: 'actor_staff_id', nullable: true })
  actorStaffId: number | null;

  /** The role of the account (`planner`, `municipality`, …) or `cli`. */
  @Column('varchar', { length: 40 })
  actor: string;

  @Column('varchar', { length: 60 })
  action: AuditAction;

  @Column('integer', { name: 'cycle_id', nullable: true })
  cycleId: number | null;

  @Column('integer', { name: 'member_id', nullable: true })
  memberId: number | null;

  /** Counts and field names only. */
  @Column('simple-json', { nullable: true })
  details: Record<string, number | string | string[]> | null;
}

export type AuditAction =
  | 'member.create'
  | 'member.update'
  | 'member.delete'
  | 'member.personal_data_export'
  | 'member.erase'
  | 'members.import'
  | 'members.export'
  | 'members.retention_erase'
  | StaffChange;
