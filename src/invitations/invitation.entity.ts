import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { INSTANT_TYPE } from '../database/column-types';

/**
 * A personal link given to a member for one cycle. Only the SHA-256 of the token is kept; a
 * re-issue revokes the row and adds a new one.
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

  @Column({ name: 'expires_at', type: INSTANT_TYPE })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: INSTANT_TYPE, nullable: true })
  revokedAt: Date | null;

  @Column('integer', { name: 'issued_by', nullable: true })
  issuedBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: INSTANT_TYPE })
  createdAt: Date;
}
