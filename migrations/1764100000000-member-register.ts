import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { createdAtColumn, idColumn } from './schema-helpers';

/** Search text for members (lower-cased in the app, as SQLite's LOWER knows no æøå) and the audit log. */
export class MemberRegister1764100000000 implements MigrationInterface {
  name = 'MemberRegister1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'members',
      new TableColumn({ name: 'search_text', type: 'varchar', length: '500', isNullable: true }),
    );
    await queryRunner.createIndex(
      'members',
      new TableIndex({ name: 'IDX_members_cycle_list', columnNames: ['cycle_id', 'list_letter'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          idColumn(),
          createdAtColumn(queryRunner, 'at'),
          { name: 'actor_staff_id', type: 'integer', isNullable: true },
          { name: 'actor', type: 'varchar', length: '40' },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'cycle_id', type: 'integer', isNullable: true },
          { name: 'member_id', type: 'integer', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
        ],
        // No foreign keys: the log outlives the members and accounts it speaks of.
        indices: [{ columnNames: ['member_id'] }, { columnNames: ['cycle_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
    await queryRunner.dropIndex('members', 'IDX_members_cycle_list');
    await queryRunner.dropColumn('members', 'search_text');
  }
}
