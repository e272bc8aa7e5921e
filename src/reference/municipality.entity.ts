import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Region } from './region.entity';

@Entity('municipalities')
export class Municipality {
  /** The official 3-digit municipality code (101 København … 860 Hjørring). */
  @PrimaryColumn('integer')
  code: number;

  @Column('varchar', { length: 100, unique: true })
  name: string;

  @Column('integer', { name: 'region_code' })
  regionCode: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  /** Reference point (WGS84) used for travel distances to venues. */
  @Column('double precision')
  latitude: number;

  @Column('double precision')
  longitude: number;
}
