import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Where a sign-in is used: a console cookie or an API bearer token. */
export type SessionKind = 'console' | 'api';

/** One staff sign-in; the token is given once and only its SHA-256 is kept, as the id. */
@Entity('staff_sessions')
export class Session {
  @PrimaryColumn('varchar', { length: 64 })
  id: string;

  @Column('integer', { name: 'staff_user_id' })
  staffUserId: number;

  @Column('varchar', { length: 10 })
  kind: SessionKind;

  /** The sign-in passed the second factor (TOTP or a recovery code). */
  @Column('boolean', { name: 'second_factor', default: false })
  secondFactor: boolean;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  /** Browser and system in a few words ("Chrome på Linux"), for the list of sessions. */
  @Column('varchar', { name: 'user_agent', length: 120 })
  userAgent: string;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;
}
