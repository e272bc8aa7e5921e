import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A member's "Jeg kan ikke deltage" for a cycle, with their reason if they gave one: they get no
 * more invitation reminders and count as declined until they take a seat after all.
 */
@Entity('invitation_declines')
export class Decline {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @Column('varchar', { length: 500, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
