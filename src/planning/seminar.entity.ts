import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { Venue } from './venue.entity';
import { Wave } from './wave.entity';

export const SEMINAR_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type SeminarStatus = (typeof SEMINAR_STATUSES)[number];

/** One residential seminar of a wave at a venue. */
@Entity('seminars')
@Index(['cycleId'])
@Index(['waveId'])
export class Seminar {
  @PrimaryGeneratedColumn('increment')
  id: number;

  /** Copied from the wave so seat rules need no join. */
  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'wave_id' })
  waveId: number;

  @ManyToOne(() => Wave, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'wave_id' })
  wave?: Wave;

  @Column('integer', { name: 'venue_id' })
  venueId: number;

  @ManyToOne(() => Venue)
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column('varchar', { length: 200 })
  title: string;

  @Column({ name: 'starts_at', type: Date })
  startsAt: Date;

  @Column({ name: 'ends_at', type: Date })
  endsAt: Date;

  @Column('integer')
  capacity: number;

  /** Seats held (registered, attended, no-show); changed only by conditional updates. */
  @Column('integer', { default: 0 })
  taken: number;

  /** The last waiting-list number handed out: arrival order on the list. */
  @Column('integer', { name: 'waitlist_counter', default: 0 })
  waitlistCounter: number;

  @Column({ name: 'registration_deadline', type: Date })
  registrationDeadline: Date;

  @Column('varchar', { length: 20, default: 'draft' })
  status: SeminarStatus;

  @OneToMany(() => AgendaItem, (item) => item.seminar)
  agenda?: AgendaItem[];

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
