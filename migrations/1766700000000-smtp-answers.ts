import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The SMTP server's answer for every message it took, shown in the message's history. */
export class SmtpAnswers1766700000000 implements MigrationInterface {
  name = 'SmtpAnswers1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'outbox_messages',
      new TableColumn({ name: 'smtp_response', type: 'varchar', length: '500', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('outbox_messages', 'smtp_response');
  }
}
