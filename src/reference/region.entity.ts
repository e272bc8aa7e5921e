import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('regions')
export class Region {
  /** The official region code (1081–1085). */
  @PrimaryColumn('integer')
  code: number;

  @Column('varchar', { length: 100 })
  name: string;

  /** The name without "Region", as municipality lists use it ("Sjælland"). */
  @Column('varchar', { name: 'short_name', length: 100, unique: true })
  shortName: string;
}
