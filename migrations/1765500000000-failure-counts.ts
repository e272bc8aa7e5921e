import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Failed sign-ins and links that do not work, counted per key in the database so that every app
 * instance shares one budget (src/common/failure-limiter.ts). The key is a hash: no address or
 * e-mail is kept. Times are epoch milliseconds, compared the same way on both engines.
 */
export class FailureCounts1765500000000 implements MigrationInterface {
  name = 'FailureCounts1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'failure_counts',
        columns: [
          { name: 'scope', type: 'varchar', length: '40', isPrimary: true },
          { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'integer' },
          { name: 'window_ends_ms', type: 'bigint' },
        ],
        indices: [{ columnNames: ['window_ends_ms'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('failure_counts');
  }
}
