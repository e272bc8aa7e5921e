import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The cycle each staff member works in, remembered by the console. */
export class ConsoleCycleChoice1765200000000 implements MigrationInterface {
  name = 'ConsoleCycleChoice1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'console_cycle_choices',
        columns: [
          { name: 'staff_user_id', type: 'integer', isPrimary: true },
          { name: 'cycle_id', type: 'integer' },
        ],
        foreignKeys: [
          {
            columnNames: ['staff_user_id'],
            referencedTableName: 'staff_users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['cycle_id'],
            referencedTableName: 'cycles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('console_cycle_choices');
  }
}
