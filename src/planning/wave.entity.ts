import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { INSTANT_TYPE } from '../database/column-types';

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

  @Column({ name: 'registration_opens_at', type: INSTANT_TYPE })
  registrationOpensAt: Date;

  @Column({ name: 'registration_closes_at', type: INSTANT_TYPE })
  registrationClosesAt: Date;

  @CreateDateColumn({ name: 'created_at', type: INSTANT_TYPE })
  createdAt: Date;
}
