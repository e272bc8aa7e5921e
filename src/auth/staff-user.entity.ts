import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StaffRole } from './roles';

@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn('increment')
  id: number;

  /** Stored in lower case; unique. */
  @Column('varchar', { length: 254, unique: true })
  email: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { name: 'password_hash', length: 200, select: false })
  passwordHash: string;

  @Column('varchar', { length: 20 })
  role: StaffRole;

  /** For a municipal contact: the one municipality whose members the account may see. */
  @Column('integer', { name: 'municipality_code', nullable: true })
  municipalityCode: number | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ type: Date, name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /** The TOTP secret, sealed with the app's secret; set from the start of enrolment. */
  @Column('varchar', { name: 'totp_secret', length: 200, nullable: true, select: false })
  totpSecret: string | null;

  /** When the second factor was switched on; null while it is off (or enrolment is unfinished). */
  @Column({ type: Date, name: 'totp_enabled_at', nullable: true })
  totpEnabledAt: Date | null;

  /** The time step of the last code accepted: a code is good once. */
  @Column('integer', { name: 'totp_last_step', nullable: true, select: false })
  totpLastStep: number | null;
}
