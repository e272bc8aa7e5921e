import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * queued → checking → checked (the dry run's report) → committing → committed; failed when the file
 * cannot be read or the commit is refused. Committing starts again from a checked file.
 */
export const IMPORT_JOB_STATUSES = [
  'queued',
  'checking',
  'checked',
  'committing',
  'committed',
  'failed',
] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** One uploaded file of an import through the pages; several uploaded together share a batch. */
@Entity('import_jobs')
@Index(['cycleId', 'batch'])
export class ImportJob {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('varchar', { length: 32 })
  batch: string;

  /** Who uploaded it: the dry run runs on their behalf, within their municipality if they have one. */
  @Column('integer', { name: 'staff_id', nullable: true })
  staffId: number | null;

  @Column('varchar', { name: 'actor_label', length: 50 })
  actorLabel: string;

  @Column('integer', { name: 'municipality_code', nullable: true })
  municipalityCode: number | null;

  @Column('varchar', { name: 'file_name', length: 255 })
  fileName: string;

  @Column('varchar', { length: 20 })
  status: ImportJobStatus;

  @Column('integer', { default: 0 })
  done: number;

  @Column('integer', { default: 0 })
  total: number;

  /** The ImportReport as JSON: the dry run's, then the commit's. */
  @Column('text', { nullable: true })
  report: string | null;

  /** Why the file cannot be used or the commit was refused: `{ code, message, details }` as JSON. */
  @Column('text', { nullable: true })
  error: string | null;

  /** The planner's corrections of the Nyvalgt proposal so far, `{ newlyElected, reElected }` as JSON. */
  @Column('text', { nullable: true })
  decisions: string | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: Date })
  updatedAt: Date;

  // The file's bytes (`file`) are not a mapped column, as TypeORM has no binary type valid on both
  // engines: ImportJobsService writes and reads them itself.
}
