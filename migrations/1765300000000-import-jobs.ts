import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { binaryType, createdAtColumn, idColumn, instantType } from './schema-helpers';

/** A file being imported through the pages: its progress and report survive a reload. */
export class ImportJobs1765300000000 implements MigrationInterface {
  name = 'ImportJobs1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'import_jobs',
        columns: [
          idColumn(),
          { name: 'cycle_id', type: 'integer' },
          { name: 'batch', type: 'varchar', length: '32' },
          { name: 'staff_id', type: 'integer', isNullable: true },
          { name: 'actor_label', type: 'varchar', length: '50' },
          { name: 'municipality_code', type: 'integer', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'done', type: 'integer', default: 0 },
          { name: 'total', type: 'integer', default: 0 },
          { name: 'report', type: 'text', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'decisions', type: 'text', isNullable: true },
          createdAtColumn(queryRunner),
          { name: 'updated_at', type: instantType(queryRunner), default: 'CURRENT_TIMESTAMP' },
          // Last: SQLite reads a row's columns in order, so the status before a large file stays cheap.
          { name: 'file', type: binaryType(queryRunner), isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['staff_id'],
            referencedTableName: 'staff_users',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [{ columnNames: ['cycle_id', 'batch'] }, { columnNames: ['status'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_jobs');
  }
}
