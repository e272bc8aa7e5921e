import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** An e-mail may be enqueued as a draft that the dispatcher writes out when it claims it. */
export class OutboxDrafts1766700000001 implements MigrationInterface {
  name = 'OutboxDrafts1766700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'outbox_messages',
      new TableColumn({ name: 'draft', type: 'text', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_messages', 'draft');
  }
}
