import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MessageKind } from './message-kinds';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One e-mail, enqueued in the same transaction as the change that caused it: rendered then, or
 * as a draft the dispatcher renders when it claims it (see `draft`). `sending` rows belong to the dispatcher named in `claimedBy` until `lockedUntil`; after
 * that another dispatcher may take them over (the first one crashed).
 */
@Entity('outbox_messages')
@Index(['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment')
  id: number;

  /** What caused the message, unique: e.g. `confirmation:<registrationId>:<sequence>`. */
  @Column('varchar', { length: 200, unique: true })
  key: string;

  @Column('varchar', { length: 40 })
  kind: MessageKind;

  @Column('varchar', { name: 'recipient_email', length: 254 })
  recipientEmail: string;

  @Column('varchar', { name: 'recipient_name', length: 200 })
  recipientName: string;

  @Column('integer', { name: 'member_id', nullable: true })
  memberId: number | null;

  @Column('integer', { name: 'seminar_id', nullable: true })
  seminarId: number | null;

  @Column('varchar', { length: 500 })
  subject: string;

  @Column('text')
  html: string;

  @Column('text')
  text: string;

  @Column('text', { name: 'ics', nullable: true })
  ics: string | null;

  @Column('varchar', { name: 'ics_filename', length: 100, nullable: true })
  icsFilename: string | null;

  /**
   * The context the body was rendered from, without recipient, seminar and links (JSON), so that a
   * resend renders it afresh; null for rows written before it was kept.
   */
  @Column('text', { nullable: true })
  context: string | null;

  /**
   * While the message is a draft (subject and body empty): the seminar as it was when the cause
   * happened and the calendar entry to attach (JSON), for the dispatcher to write the message out
   * from when it claims it (src/messaging/outbox-drafts.ts). Null once written.
   */
  @Column('text', { nullable: true })
  draft: string | null;

  @Column('varchar', { length: 20, default: 'pending' })
  status: OutboxStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: Date })
  nextAttemptAt: Date;

  @Column('varchar', { name: 'last_error', length: 1000, nullable: true })
  lastError: string | null;

  /** What the SMTP server answered when it took the message (bounded, without control characters). */
  @Column('varchar', { name: 'smtp_response', length: 500, nullable: true })
  smtpResponse: string | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt: Date | null;

  @Column('varchar', { name: 'claimed_by', length: 100, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
