import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { INSTANT_TYPE } from '../database/column-types';

export type LinkPurpose = 'invitation' | 'message';

/**
 * A personal link given to a member for one cycle. Only the SHA-256 of the token is kept. A
 * member may hold several live links: the invitation and one per e-mail that carries the link
 * (`purpose` 'message'); a planner's re-issue revokes them all and adds a new invitation.
 */
@Entity('invitations')
@Index(['cycleId', 'memberId'])
export class Invitation {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'member_id' })
  memberId: number;

  @Column('varchar', { name: 'token_hash', length: 64, unique: true })
  tokenHash: string;

  @Column('varchar', { length: 20, default: 'invitation' })
  purpose: LinkPurpose;

  @Column({ name: 'expires_at', type: INSTANT_TYPE })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: INSTANT_TYPE, nullable: true })
  revokedAt: Date | null;

  /** When the member first opened a page with this link (a planner's funnel shows it). */
  @Column({ name: 'opened_at', type: INSTANT_TYPE, nullable: true })
  openedAt: Date | null;

  @Column('integer', { name: 'issued_by', nullable: true })
  issuedBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: INSTANT_TYPE })
  createdAt: Date;
}
