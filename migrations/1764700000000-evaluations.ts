import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { idColumn, instantType } from './schema-helpers';

function reference(column: string, table: string, onDelete?: string) {
  return { columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete };
}

export class Evaluations1764700000000 implements MigrationInterface {
  name = 'Evaluations1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instantType(queryRunner),
      isNullable: nullable,
    });
    const integer = (name: string): TableColumnOptions => ({ name, type: 'integer' });

    await queryRunner.createTable(
      new Table({
        name: 'evaluation_questionnaires',
        columns: [
          idColumn(),
          integer('cycle_id'),
          integer('version'),
          { name: 'questions', type: 'text' },
          integer('reminder_after_days'),
          integer('closes_after_days'),
          { name: 'has_answers', type: 'boolean', default: false },
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [reference('cycle_id', 'cycles', 'CASCADE')],
        indices: [
          {
            name: 'uq_evaluation_questionnaires_version',
            columnNames: ['cycle_id', 'version'],
            isUnique: true,
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'evaluation_requests',
        columns: [
          idColumn(),
          integer('member_id'),
          integer('seminar_id'),
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'reminder_token_hash', type: 'varchar', length: '64', isUnique: true, isNullable: true },
          instant('created_at'),
          instant('reminded_at', true),
          instant('closes_at'),
          { name: 'answered', type: 'boolean', default: false },
        ],
        foreignKeys: [
          reference('member_id', 'members', 'CASCADE'),
          reference('seminar_id', 'seminars', 'CASCADE'),
        ],
        indices: [
          { columnNames: ['member_id', 'seminar_id'], isUnique: true },
          { columnNames: ['seminar_id'] },
        ],
      }),
    );
    // No member, seat, request or token column and no time of day: see EvaluationResponse.
    await queryRunner.createTable(
      new Table({
        name: 'evaluation_responses',
        withoutRowid: true,
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          integer('seminar_id'),
          integer('questionnaire_version_id'),
          { name: 'answered_on', type: 'date' },
          { name: 'answers', type: 'text' },
        ],
        foreignKeys: [
          reference('seminar_id', 'seminars', 'CASCADE'),
          reference('questionnaire_version_id', 'evaluation_questionnaires', 'CASCADE'),
        ],
        indices: [{ columnNames: ['seminar_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('evaluation_responses');
    await queryRunner.dropTable('evaluation_requests');
    await queryRunner.dropTable('evaluation_questionnaires');
  }
}
