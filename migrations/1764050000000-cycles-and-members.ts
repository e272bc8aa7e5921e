import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, idColumn, instantType } from './schema-helpers';

export class CyclesAndMembers1764050000000 implements MigrationInterface {
  name = 'CyclesAndMembers1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cycles',
        columns: [
          idColumn(),
          { name: 'code', type: 'varchar', length: '20', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'election_date', type: 'date' },
          { name: 'term_start', type: 'date' },
          { name: 'status', type: 'varchar', length: '20', default: "'planning'" },
          createdAtColumn(queryRunner),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'members',
        columns: [
          idColumn(),
          { name: 'cycle_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'phone', type: 'varchar', length: '40', isNullable: true },
          { name: 'municipality_code', type: 'integer' },
          { name: 'list_letter', type: 'varchar', length: '3' },
          { name: 'list_name', type: 'varchar', length: '200' },
          { name: 'newly_elected', type: 'boolean' },
          { name: 'role', type: 'varchar', length: '20', default: "'member'" },
          { name: 'diet', type: 'varchar', length: '500', isNullable: true },
          { name: 'accessibility', type: 'varchar', length: '500', isNullable: true },
          { name: 'note', type: 'varchar', length: '1000', isNullable: true },
          createdAtColumn(queryRunner),
          createdAtColumn(queryRunner, 'updated_at'),
          { name: 'erased_at', type: instantType(queryRunner), isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['municipality_code'],
            referencedTableName: 'municipalities',
            referencedColumnNames: ['code'],
          },
        ],
        indices: [
          { columnNames: ['cycle_id', 'email'], isUnique: true },
          { columnNames: ['cycle_id', 'municipality_code'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('members');
    await queryRunner.dropTable('cycles');
  }
}
