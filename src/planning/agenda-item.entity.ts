import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Seminar } from './seminar.entity';

/** One point of a seminar's programme. */
@Entity('agenda_items')
@Index(['seminarId'])
export class AgendaItem {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'seminar_id' })
  seminarId: number;

  @ManyToOne(() => Seminar, (seminar) => seminar.agenda, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seminar_id' })
  seminar?: Seminar;

  @Column({ name: 'starts_at', type: Date })
  startsAt: Date;

  @Column('varchar', { length: 300 })
  title: string;

  @Column('varchar', { length: 200, nullable: true })
  speaker: string | null;
}
