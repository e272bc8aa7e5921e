import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createdAtColumn, idColumn, instantType } from './schema-helpers';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'regions',
        columns: [
          { name: 'code', type: 'integer', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'short_name', type: 'varchar', length: '100', isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'municipalities',
        columns: [
          { name: 'code', type: 'integer', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'region_code', type: 'integer' },
          { name: 'latitude', type: 'double precision' },
          { name: 'longitude', type: 'double precision' },
        ],
        foreignKeys: [
          { columnNames: ['region_code'], referencedTableName: 'regions', referencedColumnNames: ['code'] },
        ],
        indices: [{ columnNames: ['region_code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'parties',
        columns: [
          { name: 'letter', type: 'varchar', length: '2', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_users',
        columns: [
          idColumn(),
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'municipality_code', type: 'integer', isNullable: true },
          createdAtColumn(queryRunner),
          { name: 'disabled_at', type: instantType(queryRunner), isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['municipality_code'],
            referencedTableName: 'municipalities',
            referencedColumnNames: ['code'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['staff_users', 'parties', 'municipalities', 'regions'])
      await queryRunner.dropTable(table);
  }
}
