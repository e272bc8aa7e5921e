import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The statistics' timeline reads a cycle's seat events by kind without touching other cycles. */
export class StatisticsIndexes1764800000000 implements MigrationInterface {
  name = 'StatisticsIndexes1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'registration_events',
      new TableIndex({
        name: 'IDX_registration_events_cycle_kind',
        columnNames: ['cycle_id', 'kind', 'created_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('registration_events', 'IDX_registration_events_cycle_kind');
  }
}
