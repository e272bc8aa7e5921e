import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { createdAtColumn, instantType } from './schema-helpers';

/**
 * Staff sign-ins that can be ended: one row per console cookie or API bearer token, keyed by the
 * SHA-256 of the token (the token itself is never stored). The second factor: an encrypted TOTP
 * secret on the account and single-use recovery codes, stored as keyed hashes.
 */
export class StaffSessions1765100000000 implements MigrationInterface {
  name = 'StaffSessions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'staff_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'staff_user_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'second_factor', type: 'boolean', default: false },
          createdAtColumn(queryRunner),
          { name: 'last_seen_at', type: instant },
          { name: 'expires_at', type: instant },
          { name: 'user_agent', type: 'varchar', length: '120' },
          { name: 'revoked_at', type: instant, isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['staff_user_id'],
            referencedTableName: 'staff_users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['staff_user_id'] }],
      }),
    );
    await queryRunner.addColumns('staff_users', [
      new TableColumn({ name: 'totp_secret', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'totp_enabled_at', type: instant, isNullable: true }),
      new TableColumn({ name: 'totp_last_step', type: 'integer', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'staff_recovery_codes',
        columns: [
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'staff_user_id', type: 'integer' },
          { name: 'used_at', type: instant, isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['staff_user_id'],
            referencedTableName: 'staff_users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['staff_user_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_recovery_codes');
    for (const column of ['totp_last_step', 'totp_enabled_at', 'totp_secret'])
      await queryRunner.dropColumn('staff_users', column);
    await queryRunner.dropTable('staff_sessions');
  }
}
