import { DataSource, EntityManager, ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';

/** A unique index as each engine names it in its error: PostgreSQL by name, SQLite by its columns. */
export interface UniqueIndex {
  name: string;
  /** As SQLite's message lists them, e.g. `registrations.cycle_id, registrations.member_id`. */
  columns: string;
}

export interface PoolUse {
  inUse: number;
  idle?: number;
  waiting?: number;
}

type DriverError = { code?: string; constraint?: string; message?: string };

function driverErrorOf(error: unknown): DriverError | undefined {
  return error instanceof QueryFailedError ? (error.driverError as DriverError | undefined) : undefined;
}

/**
 * Whether a write was refused by a unique index: `index`, or any unique index when none is named.
 * A plain function rather than a dialect method: each driver's error says which engine it is from.
 */
export function isUniqueViolation(error: unknown, index?: UniqueIndex): boolean {
  const driverError = driverErrorOf(error);
  if (driverError?.code === '23505') return !index || driverError.constraint === index.name; // PostgreSQL
  if (driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE')
    return !index || (driverError.message ?? '').includes(index.columns);
  return false;
}

/**
 * What differs between SQLite and PostgreSQL, in one place: services ask the dialect instead of
 * looking at the engine. Chosen from the configuration (`dialectFor`), never from the environment.
 */
export abstract class Dialect {
  /**
   * Whether transactions must be queued one at a time. TypeORM's better-sqlite3 driver shares ONE
   * query runner across the app: a second `transaction()` started while the first awaits becomes
   * a savepoint inside it.
   */
  abstract readonly serialTransactions: boolean;

  /** Column types of the migrations: a UTC instant and binary content. */
  abstract readonly columnTypes: { instant: string; binary: string };

  /** Whether a failed transaction may succeed when run again from the start. */
  abstract isRetryable(error: unknown): boolean;

  /**
   * Runs an INSERT … ON CONFLICT DO NOTHING and returns the new row's id, or undefined when the
   * key existed. (TypeORM's InsertResult cannot tell an ignored row on SQLite.)
   */
  abstract insertIgnoringConflict(
    manager: EntityManager,
    query: [string, unknown[]],
  ): Promise<number | undefined>;

  /** Runs an INSERT of one row and returns its id, without reading the row back as TypeORM would. */
  async insertReturningId(manager: EntityManager, query: [string, unknown[]]): Promise<number> {
    const id = await this.insertIgnoringConflict(manager, query);
    if (id === undefined) throw new Error('The row was not inserted');
    return id;
  }

  /** The ids a claim selects, skipping rows another transaction holds where the engine has row locks. */
  abstract claimIds<T extends ObjectLiteral>(select: SelectQueryBuilder<T>): Promise<number[]>;

  /** Holds `key` until the transaction ends, against the same work in another instance. */
  abstract lockForTransaction(manager: EntityManager, key: [number, number]): Promise<void>;

  /** Removes what deleted and rewritten rows leave behind on disk (VACUUM, a WAL checkpoint). */
  abstract clearDeadRows(dataSource: DataSource, tables: string[]): Promise<void>;

  /** The most connections the app opens. */
  abstract poolSize(dataSource: DataSource): number;

  abstract poolUse(dataSource: DataSource): PoolUse | undefined;

  /** An instant read by a raw query. */
  abstract instant(value: unknown): Date;
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization failure, deadlock

/** The part of pg's Pool that tells how it is used. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

class PostgresDialect extends Dialect {
  // Every transaction has its own connection from the pool.
  readonly serialTransactions = false;
  readonly columnTypes = { instant: 'timestamptz', binary: 'bytea' };

  isRetryable(error: unknown): boolean {
    return RETRYABLE_PG_CODES.has(driverErrorOf(error)?.code ?? '');
  }

  async insertIgnoringConflict(
    manager: EntityManager,
    [sql, params]: [string, unknown[]],
  ): Promise<number | undefined> {
    const returning = /RETURNING/i.test(sql) ? sql : `${sql} RETURNING "id"`;
    const result = await withRunner(manager, (runner) => runner.query(returning, params, true));
    const [row] = result.records as { id: number }[];
    return row?.id;
  }

  async claimIds<T extends ObjectLiteral>(select: SelectQueryBuilder<T>): Promise<number[]> {
    const rows = await select
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getRawMany<{ id: number }>();
    return rows.map((r) => r.id);
  }

  async lockForTransaction(manager: EntityManager, [high, low]: [number, number]): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [high, low]);
  }

  async clearDeadRows(dataSource: DataSource, tables: string[]): Promise<void> {
    await dataSource.query(`VACUUM ${tables.join(', ')}`);
  }

  poolUse(dataSource: DataSource): PoolUse | undefined {
    const pool = (dataSource.driver as unknown as { master?: PoolCounts }).master;
    if (!pool) return undefined;
    return { inUse: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  poolSize(dataSource: DataSource): number {
    return (dataSource.options as { extra?: { max?: number } }).extra?.max ?? 10;
  }

  instant(value: unknown): Date {
    return value instanceof Date ? value : new Date(String(value));
  }
}

class SqliteDialect extends Dialect {
  readonly serialTransactions = true;
  // SQLite has no instant type; TypeORM stores `datetime` as UTC text.
  readonly columnTypes = { instant: 'datetime', binary: 'blob' };

  isRetryable(): boolean {
    return false;
  }

  async insertIgnoringConflict(
    manager: EntityManager,
    [sql, params]: [string, unknown[]],
  ): Promise<number | undefined> {
    const result = await withRunner(manager, (runner) => runner.query(sql, params, true));
    return result.affected === 1 ? Number(result.raw) : undefined;
  }

  // Transactions run one at a time: no other can hold the rows.
  async claimIds<T extends ObjectLiteral>(select: SelectQueryBuilder<T>): Promise<number[]> {
    const rows = await select.getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  async lockForTransaction(): Promise<void> {
    // One connection, transactions queued: nothing runs beside this one.
  }

  // `secure_delete` (set on the connection, data-source-options.ts) zeroes what was deleted; the
  // WAL still holds it until checkpointed. Refused ("table is locked") while another transaction
  // is open on the one connection; SQLite's own checkpoints, or the next call, then empty it.
  async clearDeadRows(dataSource: DataSource): Promise<void> {
    await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)').catch((error: Error) => {
      if (!/locked/i.test(error.message)) throw error;
    });
  }

  poolUse(dataSource: DataSource): PoolUse {
    return { inUse: dataSource.isInitialized ? 1 : 0 };
  }

  poolSize(): number {
    return 1;
  }

  /** SQLite hands instants back as UTC text without a zone. */
  instant(value: unknown): Date {
    if (value instanceof Date) return value;
    const text = String(value);
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  }
}

async function withRunner<T>(
  manager: EntityManager,
  work: (runner: NonNullable<EntityManager['queryRunner']>) => Promise<T>,
): Promise<T> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

export function dialectFor(engine: DatabaseConfig['engine']): Dialect {
  return engine === 'postgres' ? new PostgresDialect() : new SqliteDialect();
}

/** The dialect of an open connection, for code that has no configuration (the migrations). */
export function dialectOf(dataSource: DataSource): Dialect {
  return dialectFor(dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite');
}
