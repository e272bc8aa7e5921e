import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { idColumn, instantType } from './schema-helpers';

/**
 * Delivery status notifications that came back for a message (the address it went to refused it
 * later), and each message's context without recipient and links, so that a resend renders the
 * body afresh for the member's current address with a fresh link.
 */
export class Bounces1766600000000 implements MigrationInterface {
  name = 'Bounces1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.addColumn(
      'outbox_messages',
      new TableColumn({ name: 'context', type: 'text', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'bounces',
        columns: [
          idColumn(),
          { name: 'message_id', type: 'integer' },
          { name: 'member_id', type: 'integer', isNullable: true },
          { name: 'address', type: 'varchar', length: '254' },
          { name: 'action', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'diagnostic', type: 'varchar', length: '1000', isNullable: true },
          { name: 'received_at', type: instant },
        ],
        foreignKeys: [
          {
            columnNames: ['message_id'],
            referencedTableName: 'outbox_messages',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['member_id'],
            referencedTableName: 'members',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['member_id'] }, { columnNames: ['message_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('bounces');
    await queryRunner.dropColumn('outbox_messages', 'context');
  }
}
