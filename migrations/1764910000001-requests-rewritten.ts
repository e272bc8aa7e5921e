import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On PostgreSQL every evaluation request is written again, one by one in random order, in a
 * transaction of its own (migrations run one transaction each): the versions that marked each
 * request answered carried that answer's transaction id (xmin) and sat on disk in the order the
 * members answered. SQLite updates a row in place and keeps no transaction id, so there is
 * nothing to do there.
 */
export class RequestsRewritten1764910000001 implements MigrationInterface {
  name = 'RequestsRewritten1764910000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== 'postgres') return;
    await queryRunner.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT id FROM evaluation_requests ORDER BY random() LOOP
          UPDATE evaluation_requests SET answered = answered WHERE id = r.id;
        END LOOP;
      END $$`);
  }

  async down(): Promise<void> {}
}
