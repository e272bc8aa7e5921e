import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, idColumn, instantType } from './schema-helpers';

export class Outbox1764300000000 implements MigrationInterface {
  name = 'Outbox1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          idColumn(),
          { name: 'key', type: 'varchar', length: '200', isUnique: true },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'recipient_email', type: 'varchar', length: '254' },
          { name: 'recipient_name', type: 'varchar', length: '200' },
          { name: 'member_id', type: 'integer', isNullable: true },
          // The seminars table comes with planning; a foreign key follows with it.
          { name: 'seminar_id', type: 'integer', isNullable: true },
          { name: 'subject', type: 'varchar', length: '500' },
          { name: 'html', type: 'text' },
          { name: 'text', type: 'text' },
          { name: 'ics', type: 'text', isNullable: true },
          { name: 'ics_filename', type: 'varchar', length: '100', isNullable: true },
          { name: 'status', type: 'varchar', length: '20', default: "'pending'" },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: instant },
          { name: 'last_error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'sent_at', type: instant, isNullable: true },
          { name: 'claimed_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'locked_until', type: instant, isNullable: true },
          createdAtColumn(queryRunner),
        ],
        foreignKeys: [
          {
            columnNames: ['member_id'],
            referencedTableName: 'members',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          { columnNames: ['status', 'next_attempt_at'] },
          { columnNames: ['member_id'] },
          { columnNames: ['seminar_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_messages');
  }
}
