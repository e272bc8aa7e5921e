import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member's wish about one seminar: a rank (1 = most wanted) or `excluded` (cannot attend). */
@Entity('member_preferences')
@Index(['memberId', 'seminarId'], { unique: true })
@Index(['cycleId'])
export class MemberPreference {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @Column('integer', { name: 'seminar_id' })
  seminarId: number;

  @Column('integer', { nullable: true })
  rank: number | null;

  @Column('boolean', { default: false })
  excluded: boolean;
}
