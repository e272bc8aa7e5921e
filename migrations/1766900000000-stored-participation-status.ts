import { MigrationInterface, QueryRunner } from 'typeorm';
import { STORED_STATUS_ASSIGNMENTS } from '../src/invitations/member-register';

/** The tables whose rows decide a member's participation status. */
const FACT_TABLES = ['invitations', 'registrations', 'invitation_declines'];

/**
 * Each member keeps where they stand in the funnel (participation_status) and whether they are
 * invited and opened their link, kept by the database itself: a trigger on every table that decides
 * it recomputes the members its statement touched, in the same transaction, whoever wrote (TypeORM,
 * a raw statement, the CLI). Deltagelse and Overblik count a cycle's 2,400 members from an index of
 * these columns; deciding each member's status from its invitations, seats and declines on every
 * view took most of Deltagelse's time.
 *
 * The triggers are built from the rule as this migration found it (STORED_STATUS_ASSIGNMENTS): a
 * change of that rule needs a migration of its own that recreates them.
 */
export class StoredParticipationStatus1766900000000 implements MigrationInterface {
  name = 'StoredParticipationStatus1766900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const no = postgres ? 'false' : '0';
    await queryRunner.query(
      `ALTER TABLE members ADD COLUMN participation_status varchar(20) NOT NULL DEFAULT 'not_invited'`,
    );
    await queryRunner.query(`ALTER TABLE members ADD COLUMN invited boolean NOT NULL DEFAULT ${no}`);
    await queryRunner.query(`ALTER TABLE members ADD COLUMN opened boolean NOT NULL DEFAULT ${no}`);
    await queryRunner.query(`UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS}`);
    await queryRunner.query(
      `CREATE INDEX "IDX_members_participation" ON members (cycle_id, participation_status, invited, opened, municipality_code)`,
    );
    if (postgres) {
      // One UPDATE per statement, not per row: an allocation's apply inserts 2,500 seats at once.
      await queryRunner.query(`
        CREATE FUNCTION refresh_participation_status() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id IN (SELECT member_id FROM new_rows);
          ELSIF TG_OP = 'DELETE' THEN
            UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id IN (SELECT member_id FROM old_rows);
          ELSE
            UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS}
              WHERE m.id IN (SELECT member_id FROM old_rows UNION SELECT member_id FROM new_rows);
          END IF;
          RETURN NULL;
        END $$`);
      for (const table of FACT_TABLES) {
        for (const [event, transition] of [
          ['INSERT', 'NEW TABLE AS new_rows'],
          ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
          ['DELETE', 'OLD TABLE AS old_rows'],
        ]) {
          await queryRunner.query(
            `CREATE TRIGGER "${table}_participation_${event.toLowerCase()}" AFTER ${event} ON ${table}
             REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION refresh_participation_status()`,
          );
        }
      }
    } else {
      for (const table of FACT_TABLES) {
        for (const [event, members] of [
          ['INSERT', 'NEW.member_id'],
          ['UPDATE', 'OLD.member_id, NEW.member_id'],
          ['DELETE', 'OLD.member_id'],
        ]) {
          await queryRunner.query(
            `CREATE TRIGGER "${table}_participation_${event.toLowerCase()}" AFTER ${event} ON ${table}
             BEGIN UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id IN (${members}); END`,
          );
        }
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const table of FACT_TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        await queryRunner.query(
          `DROP TRIGGER "${table}_participation_${event}"${postgres ? ` ON ${table}` : ''}`,
        );
      }
    }
    if (postgres) await queryRunner.query(`DROP FUNCTION refresh_participation_status()`);
    await queryRunner.query(`DROP INDEX "IDX_members_participation"`);
    for (const column of ['opened', 'invited', 'participation_status'])
      await queryRunner.query(`ALTER TABLE members DROP COLUMN ${column}`);
  }
}
