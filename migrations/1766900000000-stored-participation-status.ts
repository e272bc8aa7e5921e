import { MigrationInterface, QueryRunner } from 'typeorm';
import { STORED_STATUS_ASSIGNMENTS } from '../src/invitations/member-register';

/** The columns of each table that decide a member's participation status. */
const DECIDING: Record<string, string[]> = {
  invitations: ['member_id', 'purpose', 'revoked_at', 'opened_at'],
  registrations: ['member_id', 'state'],
  invitation_declines: ['member_id'],
};

/**
 * A trigger per table and event, with the members it recomputes. Of the invitations only those
 * that invite count (a mail's personal link is an invitation row too, 64 of them for a seminar's
 * PATCH), and an update counts only when it changes a deciding column (a PATCH bumps its seats'
 * calendar sequence).
 */
const TRIGGERS = Object.entries(DECIDING).flatMap(([table, columns]) =>
  (
    [
      ['INSERT', ['NEW']],
      ['UPDATE', ['OLD', 'NEW']],
      ['DELETE', ['OLD']],
    ] as const
  ).map(([event, rows]) => {
    const conditions = [
      ...(table === 'invitations' ? [rows.map((row) => `${row}.purpose = 'invitation'`).join(' OR ')] : []),
      ...(event === 'UPDATE'
        ? [columns.map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ')]
        : []),
    ];
    return {
      name: `${table}_participation_${event.toLowerCase()}`,
      table,
      event,
      members: rows.map((row) => `${row}.member_id`).join(', '),
      // PostgreSQL wants the whole condition in parentheses.
      when: conditions.length ? `WHEN (${conditions.map((c) => `(${c})`).join(' AND ')})` : '',
    };
  }),
);

/**
 * Each member keeps where they stand in the funnel (participation_status) and whether they are
 * invited and opened their link, kept by the database itself: a trigger on every table that decides
 * it recomputes the member of each row written, in the same transaction, whoever wrote (TypeORM,
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
      // Per row, as on SQLite: a trigger per statement reads its rows from transition tables, for
      // which PostgreSQL plans the status's subqueries as hashes of whole tables (a seminar's PATCH
      // went from 25 to 72 ms); one member at a time they are index lookups.
      await queryRunner.query(`
        CREATE FUNCTION refresh_participation_status() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN
            UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id = OLD.member_id;
          END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.member_id <> OLD.member_id) THEN
            UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id = NEW.member_id;
          END IF;
          RETURN NULL;
        END $$`);
    }
    for (const { name, table, event, members, when } of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER "${name}" AFTER ${event} ON ${table} FOR EACH ROW ${when} ` +
          (postgres
            ? 'EXECUTE FUNCTION refresh_participation_status()'
            : `BEGIN UPDATE members AS m SET ${STORED_STATUS_ASSIGNMENTS} WHERE m.id IN (${members}); END`),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const { name, table } of TRIGGERS)
      await queryRunner.query(`DROP TRIGGER "${name}"${postgres ? ` ON ${table}` : ''}`);
    if (postgres) await queryRunner.query(`DROP FUNCTION refresh_participation_status()`);
    await queryRunner.query(`DROP INDEX "IDX_members_participation"`);
    for (const column of ['opened', 'invited', 'participation_status'])
      await queryRunner.query(`ALTER TABLE members DROP COLUMN ${column}`);
  }
}
