import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { createdAtColumn, idColumn } from './schema-helpers';

/**
 * The member's journey: a seat moved (or taken back) continues the calendar entry of the seat it
 * came from (`calendar_seat_id`, whose UID the entry carries); a swap wish is a waiting place held
 * beside a seat (`swap_waiting`, at most one per member and cycle); a member may decline the
 * invitation; a cycle sets when the invitation reminders go out.
 */
export class MemberJourney1765400000000 implements MigrationInterface {
  name = 'MemberJourney1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'registrations',
      new TableColumn({ name: 'calendar_seat_id', type: 'integer', isNullable: true }),
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_registrations_swap_wish ON registrations (cycle_id, member_id) WHERE state = 'swap_waiting'`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'invitation_declines',
        columns: [
          idColumn(),
          { name: 'cycle_id', type: 'integer' },
          { name: 'member_id', type: 'integer' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          createdAtColumn(queryRunner),
        ],
        foreignKeys: [
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
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
        uniques: [{ name: 'uq_invitation_declines_member', columnNames: ['cycle_id', 'member_id'] }],
      }),
    );
    await queryRunner.addColumns('cycles', [
      new TableColumn({ name: 'invitation_reminder_after_days', type: 'integer', default: 7 }),
      new TableColumn({ name: 'invitation_reminder_before_deadline_days', type: 'integer', default: 5 }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('cycles', 'invitation_reminder_before_deadline_days');
    await queryRunner.dropColumn('cycles', 'invitation_reminder_after_days');
    await queryRunner.dropTable('invitation_declines');
    await queryRunner.query(`DELETE FROM registrations WHERE state = 'swap_waiting'`);
    await queryRunner.query(`DROP INDEX uq_registrations_swap_wish`);
    await queryRunner.dropColumn('registrations', 'calendar_seat_id');
  }
}
