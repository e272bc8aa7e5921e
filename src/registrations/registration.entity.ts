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
import { Member } from '../cycles/member.entity';
import { Seminar } from '../planning/seminar.entity';
import { SeatState } from './seat-state';

/**
 * A member's seat at one seminar. At most one registered or waitlisted seat per member and cycle
 * (a partial unique index in the migration); a move leaves a cancelled row behind.
 */
@Entity('registrations')
@Index(['seminarId', 'state'])
@Index(['cycleId', 'memberId'])
export class Registration {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;

  @Column('integer', { name: 'seminar_id' })
  seminarId: number;

  @ManyToOne(() => Seminar)
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  @Column('varchar', { length: 20 })
  state: SeatState;

  /** Arrival number on the seminar's waiting list; kept after promotion for the record. */
  @Column('integer', { name: 'waitlist_number', nullable: true })
  waitlistNumber: number | null;

  /** Rises with every change a calendar invitation must follow (the .ics SEQUENCE). */
  @Column('integer', { name: 'calendar_sequence', default: 0 })
  calendarSequence: number;

  /**
   * The seat whose calendar entry this one continues (a move, a swap, a seat taken back); null
   * for a seat that started its own. The entry's UID is that seat's, so calendars update it.
   */
  @Column('integer', { name: 'calendar_seat_id', nullable: true })
  calendarSeatId: number | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
