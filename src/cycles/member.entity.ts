import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Municipality } from '../reference/municipality.entity';
import { Cycle } from './cycle.entity';

export const MEMBER_ROLES = ['member', 'mayor', 'deputy_mayor', 'committee_chair'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * An elected council member in one cycle. Personal fields are nullable so that erasure can
 * remove them while the row (municipality, list, newly elected) still counts in statistics.
 */
@Entity('members')
@Index(['cycleId', 'email'], { unique: true })
@Index(['cycleId', 'municipalityCode'])
export class Member {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @ManyToOne(() => Cycle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id' })
  cycle?: Cycle;

  @Column('varchar', { length: 200, nullable: true })
  name: string | null;

  /** Lower case; unique within the cycle. */
  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  phone: string | null;

  @Column('integer', { name: 'municipality_code' })
  municipalityCode: number;

  @ManyToOne(() => Municipality)
  @JoinColumn({ name: 'municipality_code' })
  municipality?: Municipality;

  /** The list letter (A, V, Ø …); a local list's letter means something only within its municipality. */
  @Column('varchar', { name: 'list_letter', length: 3 })
  listLetter: string;

  @Column('varchar', { name: 'list_name', length: 200 })
  listName: string;

  @Column('boolean', { name: 'newly_elected' })
  newlyElected: boolean;

  @Column('varchar', { length: 20, default: 'member' })
  role: MemberRole;

  @Column('varchar', { length: 500, nullable: true })
  diet: string | null;

  @Column('varchar', { length: 500, nullable: true })
  accessibility: string | null;

  @Column('varchar', { length: 1000, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;

  /** Name and e-mail lower-cased by the app for search (SQLite's LOWER knows no æøå); null once erased. */
  @Column('varchar', { name: 'search_text', length: 500, nullable: true, select: false })
  searchText?: string | null;

  /** Set when the personal data was erased (GDPR); the row stays for the statistics. */
  @Column({ name: 'erased_at', type: Date, nullable: true })
  erasedAt: Date | null;
}
