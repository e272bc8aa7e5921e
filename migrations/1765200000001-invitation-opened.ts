import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { instantType } from './schema-helpers';

/** When a member first opened their personal link: the funnel's "opened the link" step. */
export class InvitationOpened1765200000001 implements MigrationInterface {
  name = 'InvitationOpened1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'invitations',
      new TableColumn({ name: 'opened_at', type: instantType(queryRunner), isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('invitations', 'opened_at');
  }
}
