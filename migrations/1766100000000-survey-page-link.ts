import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** A third survey link per request, opened from the member's personal page (its hash only). */
export class SurveyPageLink1766100000000 implements MigrationInterface {
  name = 'SurveyPageLink1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'evaluation_requests',
      new TableColumn({ name: 'page_token_hash', type: 'varchar', length: '64', isNullable: true }),
    );
    await queryRunner.createIndex(
      'evaluation_requests',
      new TableIndex({
        name: 'UQ_evaluation_requests_page_token_hash',
        columnNames: ['page_token_hash'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('evaluation_requests', 'UQ_evaluation_requests_page_token_hash');
    await queryRunner.dropColumn('evaluation_requests', 'page_token_hash');
  }
}
