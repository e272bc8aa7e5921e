import { QueryRunner, TableColumnOptions } from 'typeorm';

/** The engine's type for a UTC instant (see src/database/column-types.ts). */
export function instantType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}

export function idColumn(): TableColumnOptions {
  return { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

export function createdAtColumn(queryRunner: QueryRunner, name = 'created_at'): TableColumnOptions {
  return { name, type: instantType(queryRunner), default: 'CURRENT_TIMESTAMP' };
}

/** The engine's type for binary content (see BINARY_TYPE in src/database/column-types.ts). */
export function binaryType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
}
