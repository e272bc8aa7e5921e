import { QueryFailedError } from 'typeorm';

/** Whether a query failed on the named unique index (PostgreSQL) or its columns (SQLite). */
export function isUniqueViolation(error: unknown, indexName: string, sqliteColumns: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string; message?: string };
  if (driverError.code === '23505') return driverError.constraint === indexName;
  return (
    typeof driverError.message === 'string' &&
    driverError.message.includes('UNIQUE constraint failed') &&
    driverError.message.includes(sqliteColumns)
  );
}
