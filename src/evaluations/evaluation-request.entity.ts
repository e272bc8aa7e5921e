import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * That a member was asked to evaluate a seminar, and whether they have answered: only to stop
 * reminders and count response rates. It does not point to the answer, and the answer does not
 * point here. Links are stored as SHA-256 hashes: the request's and the reminder's.
 */
@Entity('evaluation_requests')
@Index(['memberId', 'seminarId'], { unique: true })
@Index(['seminarId'])
export class EvaluationRequest {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @Column('integer', { name: 'seminar_id' })
  seminarId: number;

  @Column('varchar', { name: 'token_hash', length: 64, unique: true })
  tokenHash: string;

  /** The reminder carries a link of its own, since the first one's token is not kept. */
  @Column('varchar', { name: 'reminder_token_hash', length: 64, unique: true, nullable: true })
  reminderTokenHash: string | null;

  /** The link the member's personal page opens; a new one each time, so only its hash is kept too. */
  @Column('varchar', { name: 'page_token_hash', length: 64, unique: true, nullable: true })
  pageTokenHash: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'reminded_at', type: Date, nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'closes_at', type: Date })
  closesAt: Date;

  @Column('boolean', { default: false })
  answered: boolean;
}
