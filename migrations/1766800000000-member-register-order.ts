import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The member register lists a cycle's members by name (Medlemmer, Deltagelse's first not-answered):
 * read in this index's order, a page stops after its rows instead of sorting the whole cycle first.
 */
export class MemberRegisterOrder1766800000000 implements MigrationInterface {
  name = 'MemberRegisterOrder1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'members',
      new TableIndex({ name: 'IDX_members_cycle_name', columnNames: ['cycle_id', 'name', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('members', 'IDX_members_cycle_name');
  }
}
