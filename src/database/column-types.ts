import { ColumnType } from 'typeorm';

/**
 * Instants are stored in UTC. PostgreSQL has `timestamptz`; SQLite has no such type and TypeORM
 * stores `datetime` as a UTC text. Entity decorators run when their file is imported, before the
 * config object exists, so the type is chosen from the same variable that selects the engine.
 */
const onPostgres = Boolean(process.env.DATABASE_URL?.trim());

export const INSTANT_TYPE: ColumnType = onPostgres ? 'timestamptz' : 'datetime';

/** Binary content (uploaded files) is kept in the database so every app instance sees it. */
export const BINARY_TYPE: ColumnType = onPostgres ? 'bytea' : 'blob';
