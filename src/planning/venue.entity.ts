import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A conference centre or hotel where seminars are held. */
@Entity('venues')
export class Venue {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 300 })
  address: string;

  @Column('varchar', { name: 'postal_code', length: 10 })
  postalCode: string;

  @Column('varchar', { length: 100 })
  town: string;

  @Column('double precision')
  latitude: number;

  @Column('double precision')
  longitude: number;

  @Column('varchar', { name: 'contact_name', length: 200, nullable: true })
  contactName: string | null;

  @Column('varchar', { name: 'contact_email', length: 254, nullable: true })
  contactEmail: string | null;

  @Column('varchar', { name: 'contact_phone', length: 40, nullable: true })
  contactPhone: string | null;

  @Column('varchar', { length: 2000, nullable: true })
  notes: string | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
