import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const COLUMNS = 'id, seminar_id, questionnaire_version_id, answered_on, answers';

/**
 * Answers wait in evaluation_submissions between the transaction that marks a request answered
 * and the one that files them among the seminar's answers (src/evaluations/response-release.ts).
 * The answers stored so far were written in the request's transaction and in the order they
 * came; they are written again here, all in this transaction and in random order.
 */
export class AnonymousRelease1764910000000 implements MigrationInterface {
  name = 'AnonymousRelease1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'evaluation_submissions',
        withoutRowid: true,
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seminar_id', type: 'integer' },
          { name: 'questionnaire_version_id', type: 'integer' },
          { name: 'answered_on', type: 'date' },
          { name: 'answers', type: 'text' },
        ],
        foreignKeys: [
          {
            columnNames: ['seminar_id'],
            referencedTableName: 'seminars',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['questionnaire_version_id'],
            referencedTableName: 'evaluation_questionnaires',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ columnNames: ['seminar_id'] }],
      }),
    );
    await queryRunner.query(
      `CREATE TEMPORARY TABLE answers_in_random_order AS SELECT ${COLUMNS} FROM evaluation_responses`,
    );
    await queryRunner.query('DELETE FROM evaluation_responses');
    await queryRunner.query(
      `INSERT INTO evaluation_responses (${COLUMNS}) SELECT ${COLUMNS} FROM answers_in_random_order ORDER BY random()`,
    );
    await queryRunner.query('DROP TABLE answers_in_random_order');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('evaluation_submissions');
  }
}
