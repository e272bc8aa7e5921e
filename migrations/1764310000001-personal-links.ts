import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey } from 'typeorm';

/**
 * A member may hold several live personal links for a cycle: the invitation, and one minted for
 * each e-mail that carries the link (the raw token is never stored, so every such e-mail needs
 * its own). The one-live-link index now holds for invitations only, and `purpose` keeps the real invitations apart for the statistics. The outbox's
 * seminar_id gets the foreign key the outbox migration left for planning.
 */
export class PersonalLinks1764310000001 implements MigrationInterface {
  name = 'PersonalLinks1764310000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX uq_invitations_current`);
    await queryRunner.addColumn(
      'invitations',
      new TableColumn({ name: 'purpose', type: 'varchar', length: '20', default: "'invitation'" }),
    );
    // Still one live invitation per member: two planners inviting at once cannot both win.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_invitations_current ON invitations (cycle_id, member_id) WHERE revoked_at IS NULL AND purpose = 'invitation'`,
    );
    await queryRunner.createForeignKey(
      'outbox_messages',
      new TableForeignKey({
        name: 'fk_outbox_messages_seminar',
        columnNames: ['seminar_id'],
        referencedTableName: 'seminars',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('outbox_messages', 'fk_outbox_messages_seminar');
    await queryRunner.query(`DELETE FROM invitations WHERE purpose <> 'invitation'`);
    await queryRunner.query(`DROP INDEX uq_invitations_current`);
    await queryRunner.dropColumn('invitations', 'purpose');
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_invitations_current ON invitations (cycle_id, member_id) WHERE revoked_at IS NULL`,
    );
  }
}
