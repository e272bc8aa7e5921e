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

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
