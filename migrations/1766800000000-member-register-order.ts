import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The member register lists a cycle's members by name (Medlemmer, Deltagelse's first not-answered):
 * read in the first index's order, a page stops after its rows instead of sorting the whole cycle
 * first. The second holds all that the register asks of a member's invitations (member-register.ts),
 * so Deltagelse's counts read it alone, not each invitation's row.
 */
export class MemberRegisterOrder1766800000000 implements MigrationInterface {
  name = 'MemberRegisterOrder1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'members',
      new TableIndex({ name: 'IDX_members_cycle_name', columnNames: ['cycle_id', 'name', 'id'] }),
    );
    await queryRunner.createIndex(
      'invitations',
      new TableIndex({
        name: 'IDX_invitations_register',
        columnNames: ['cycle_id', 'member_id', 'purpose', 'revoked_at', 'opened_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('invitations', 'IDX_invitations_register');
    await queryRunner.dropIndex('members', 'IDX_members_cycle_name');
  }
}
