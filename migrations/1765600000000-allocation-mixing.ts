import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { instantType } from './schema-helpers';

/** Proposals with a party rule (P), without a municipality rule (K null), and a heartbeat while solving. */
export class AllocationMixing1765600000000 implements MigrationInterface {
  name = 'AllocationMixing1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'allocation_proposals',
      'k_used',
      new TableColumn({ name: 'k_used', type: 'integer', isNullable: true }),
    );
    await queryRunner.addColumns('allocation_proposals', [
      new TableColumn({ name: 'p_used', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'heartbeat_at', type: instantType(queryRunner), isNullable: true }),
      new TableColumn({ name: 'progress', type: 'text', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('allocation_proposals', ['p_used', 'heartbeat_at', 'progress']);
    await queryRunner.query('UPDATE allocation_proposals SET k_used = 0 WHERE k_used IS NULL');
    await queryRunner.changeColumn(
      'allocation_proposals',
      'k_used',
      new TableColumn({ name: 'k_used', type: 'integer', isNullable: false }),
    );
  }
}
