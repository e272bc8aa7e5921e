import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, instantType } from './schema-helpers';

/**
 * Mass invitations as rows, so every instance can follow one and a job that lost its instance
 * (a crash, a stop) is taken over and carried on from the batch it had reached.
 */
export class InvitationJobs1765500000001 implements MigrationInterface {
  name = 'InvitationJobs1765500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'invitation_jobs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cycle_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'staff_id', type: 'integer' },
          { name: 'member_ids', type: 'text' },
          { name: 'total', type: 'integer' },
          { name: 'processed', type: 'integer', default: 0 },
          { name: 'invited', type: 'integer', default: 0 },
          { name: 'already_invited', type: 'integer', default: 0 },
          { name: 'expires_at', type: instant },
          { name: 'error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'claimed_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'locked_until', type: instant, isNullable: true },
          { name: 'takeovers', type: 'integer', default: 0 },
          createdAtColumn(queryRunner),
          { name: 'finished_at', type: instant, isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['status', 'locked_until'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('invitation_jobs');
  }
}
