import { QueryRunner, TableColumnOptions } from 'typeorm';
import { dialectOf } from '../src/database/dialect';

/** The engine's type for a UTC instant (src/database/dialect.ts). */
export function instantType(queryRunner: QueryRunner): string {
  return dialectOf(queryRunner.connection).columnTypes.instant;
}

export function idColumn(): TableColumnOptions {
  return { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}

export function createdAtColumn(queryRunner: QueryRunner, name = 'created_at'): TableColumnOptions {
  return { name, type: instantType(queryRunner), default: 'CURRENT_TIMESTAMP' };
}

/** The engine's type for binary content (src/database/dialect.ts). */
export function binaryType(queryRunner: QueryRunner): string {
  return dialectOf(queryRunner.connection).columnTypes.binary;
}
