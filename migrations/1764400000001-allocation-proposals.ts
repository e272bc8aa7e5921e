import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, idColumn, instantType } from './schema-helpers';

export class AllocationProposals1764400000001 implements MigrationInterface {
  name = 'AllocationProposals1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'allocation_proposals',
        columns: [
          idColumn(),
          { name: 'cycle_id', type: 'integer' },
          { name: 'wave_id', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'options', type: 'text' },
          { name: 'k_used', type: 'integer' },
          { name: 'fingerprint', type: 'text' },
          { name: 'summary', type: 'text', isNullable: true },
          { name: 'placements', type: 'text', isNullable: true },
          { name: 'error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'created_by', type: 'integer', isNullable: true },
          createdAtColumn(queryRunner),
          { name: 'solved_at', type: instant, isNullable: true },
          { name: 'applied_at', type: instant, isNullable: true },
          { name: 'applied_by', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['wave_id'],
            referencedTableName: 'waves',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['cycle_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('allocation_proposals');
  }
}
