import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single-use code for a sign-in without the app; kept as a keyed hash, shown once. */
@Entity('staff_recovery_codes')
export class RecoveryCode {
  @PrimaryColumn('varchar', { name: 'code_hash', length: 64 })
  codeHash: string;

  @Column('integer', { name: 'staff_user_id' })
  staffUserId: number;

  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt: Date | null;
}
