import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { createdAtColumn, idColumn, instantType } from './schema-helpers';

function reference(column: string, table: string, onDelete?: string) {
  return { columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete };
}

export class PlanningAndSeats1764200000000 implements MigrationInterface {
  name = 'PlanningAndSeats1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instantType(queryRunner),
      isNullable: nullable,
    });
    const integer = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    });

    await queryRunner.createTable(
      new Table({
        name: 'venues',
        columns: [
          idColumn(),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'address', type: 'varchar', length: '300' },
          { name: 'postal_code', type: 'varchar', length: '10' },
          { name: 'town', type: 'varchar', length: '100' },
          { name: 'latitude', type: 'double precision' },
          { name: 'longitude', type: 'double precision' },
          { name: 'contact_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'contact_email', type: 'varchar', length: '254', isNullable: true },
          { name: 'contact_phone', type: 'varchar', length: '40', isNullable: true },
          { name: 'notes', type: 'varchar', length: '2000', isNullable: true },
          createdAtColumn(queryRunner),
          createdAtColumn(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'waves',
        columns: [
          idColumn(),
          integer('cycle_id'),
          { name: 'name', type: 'varchar', length: '200' },
          instant('registration_opens_at'),
          instant('registration_closes_at'),
          createdAtColumn(queryRunner),
        ],
        foreignKeys: [reference('cycle_id', 'cycles', 'CASCADE')],
        indices: [{ columnNames: ['cycle_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'seminars',
        columns: [
          idColumn(),
          integer('cycle_id'),
          integer('wave_id'),
          integer('venue_id'),
          { name: 'title', type: 'varchar', length: '200' },
          instant('starts_at'),
          instant('ends_at'),
          integer('capacity'),
          { name: 'taken', type: 'integer', default: 0 },
          { name: 'waitlist_counter', type: 'integer', default: 0 },
          instant('registration_deadline'),
          { name: 'status', type: 'varchar', length: '20', default: "'draft'" },
          createdAtColumn(queryRunner),
          createdAtColumn(queryRunner, 'updated_at'),
        ],
        // The database itself refuses an overbooked seminar, whatever the code does.
        checks: [{ name: 'chk_seminars_seats', expression: 'taken >= 0 AND taken <= capacity' }],
        foreignKeys: [
          reference('cycle_id', 'cycles', 'CASCADE'),
          reference('wave_id', 'waves', 'CASCADE'),
          reference('venue_id', 'venues'),
        ],
        indices: [{ columnNames: ['cycle_id'] }, { columnNames: ['wave_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agenda_items',
        columns: [
          idColumn(),
          integer('seminar_id'),
          instant('starts_at'),
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'speaker', type: 'varchar', length: '200', isNullable: true },
        ],
        foreignKeys: [reference('seminar_id', 'seminars', 'CASCADE')],
        indices: [{ columnNames: ['seminar_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registrations',
        columns: [
          idColumn(),
          integer('cycle_id'),
          integer('member_id'),
          integer('seminar_id'),
          { name: 'state', type: 'varchar', length: '20' },
          integer('waitlist_number', true),
          { name: 'calendar_sequence', type: 'integer', default: 0 },
          createdAtColumn(queryRunner),
          createdAtColumn(queryRunner, 'updated_at'),
        ],
        foreignKeys: [
          reference('cycle_id', 'cycles', 'CASCADE'),
          reference('member_id', 'members', 'CASCADE'),
          reference('seminar_id', 'seminars', 'CASCADE'),
        ],
        indices: [{ columnNames: ['seminar_id', 'state'] }, { columnNames: ['cycle_id', 'member_id'] }],
      }),
    );
    // Partial unique indexes read the same on SQLite and PostgreSQL.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_registrations_active_seat ON registrations (cycle_id, member_id) WHERE state IN ('registered', 'waitlisted')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_registrations_waitlist_number ON registrations (seminar_id, waitlist_number) WHERE waitlist_number IS NOT NULL`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'registration_events',
        columns: [
          idColumn(),
          { name: 'kind', type: 'varchar', length: '30' },
          integer('cycle_id'),
          integer('member_id'),
          integer('registration_id', true),
          integer('seminar_id', true),
          integer('invitation_id', true),
          { name: 'actor', type: 'varchar', length: '10' },
          integer('staff_id', true),
          integer('calendar_sequence', true),
          { name: 'details', type: 'text', isNullable: true },
          createdAtColumn(queryRunner),
        ],
        foreignKeys: [
          reference('cycle_id', 'cycles', 'CASCADE'),
          reference('member_id', 'members', 'CASCADE'),
          reference('registration_id', 'registrations', 'CASCADE'),
        ],
        indices: [{ columnNames: ['member_id'] }, { columnNames: ['registration_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member_preferences',
        columns: [
          idColumn(),
          integer('cycle_id'),
          integer('member_id'),
          integer('seminar_id'),
          integer('rank', true),
          { name: 'excluded', type: 'boolean', default: false },
        ],
        foreignKeys: [
          reference('cycle_id', 'cycles', 'CASCADE'),
          reference('member_id', 'members', 'CASCADE'),
          reference('seminar_id', 'seminars', 'CASCADE'),
        ],
        indices: [
          { columnNames: ['member_id', 'seminar_id'], isUnique: true },
          { columnNames: ['cycle_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invitations',
        columns: [
          idColumn(),
          integer('cycle_id'),
          integer('member_id'),
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          instant('expires_at'),
          instant('revoked_at', true),
          integer('issued_by', true),
          createdAtColumn(queryRunner),
        ],
        foreignKeys: [
          reference('cycle_id', 'cycles', 'CASCADE'),
          reference('member_id', 'members', 'CASCADE'),
          reference('issued_by', 'staff_users'),
        ],
        indices: [{ columnNames: ['cycle_id', 'member_id'] }],
      }),
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_invitations_current ON invitations (cycle_id, member_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'invitations',
      'member_preferences',
      'registration_events',
      'registrations',
      'agenda_items',
      'seminars',
      'waves',
      'venues',
    ])
      await queryRunner.dropTable(table);
  }
}
