import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { binaryType, createdAtColumn, idColumn, instantType } from './schema-helpers';

export class Materials1764320000001 implements MigrationInterface {
  name = 'Materials1764320000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'materials',
        columns: [
          idColumn(),
          { name: 'cycle_id', type: 'integer' },
          { name: 'seminar_id', type: 'integer', isNullable: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'url', type: 'varchar', length: '2000', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'content_type', type: 'varchar', length: '200', isNullable: true },
          { name: 'size', type: 'integer', isNullable: true },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'available_from', type: instant },
          { name: 'announced_at', type: instant, isNullable: true },
          { name: 'created_by', type: 'integer', isNullable: true },
          createdAtColumn(queryRunner),
          // Last: SQLite reads a row's columns in order, so metadata before a large blob stays cheap.
          { name: 'content', type: binaryType(queryRunner), isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['seminar_id'],
            referencedTableName: 'seminars',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['created_by'],
            referencedTableName: 'staff_users',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          { columnNames: ['cycle_id', 'seminar_id'] },
          { columnNames: ['announced_at', 'available_from'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('materials');
  }
}
