import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A period of a cycle whose seminars run in parallel and open for registration together. */
@Entity('waves')
@Index(['cycleId'])
export class Wave {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('varchar', { length: 200 })
  name: string;

  @Column({ name: 'registration_opens_at', type: Date })
  registrationOpensAt: Date;

  @Column({ name: 'registration_closes_at', type: Date })
  registrationClosesAt: Date;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
