import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MaterialKind = 'file' | 'link';

/**
 * A document or link for one seminar, or for the whole cycle when seminarId is null. The file's
 * bytes live in the row so that several app instances on one database share them.
 */
@Entity('materials')
@Index(['cycleId', 'seminarId'])
export class Material {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'seminar_id', nullable: true })
  seminarId: number | null;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('varchar', { length: 10 })
  kind: MaterialKind;

  @Column('varchar', { length: 2000, nullable: true })
  url: string | null;

  @Column('varchar', { name: 'file_name', length: 255, nullable: true })
  fileName: string | null;

  @Column('varchar', { name: 'content_type', length: 200, nullable: true })
  contentType: string | null;

  @Column('integer', { nullable: true })
  size: number | null;

  /**
   * The file's bytes: not a mapped column, as TypeORM has no binary type valid on both engines.
   * MaterialsService writes and reads the `content` column itself.
   */
  content?: Buffer | null;

  @Column('varchar', { length: 64, nullable: true })
  sha256: string | null;

  @Column({ name: 'available_from', type: Date })
  availableFrom: Date;

  @Column({ name: 'announced_at', type: Date, nullable: true })
  announcedAt: Date | null;

  @Column('integer', { name: 'created_by', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;
}
