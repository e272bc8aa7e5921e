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

/** What a raw statement returned: its rows (a SELECT, a RETURNING clause) and how many rows it changed. */
export interface RawResult<T> {
  rows: T[];
  affected: number;
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

  /**
   * Runs raw SQL with `:name` parameters (`:...name` for a list) on either engine. Every value is
   * bound, never written into the text as TypeORM's own escaping does with numbers on SQLite, so
   * a statement's text is the same on every call and its prepared form is reused from the driver's
   * cache: the booking path's statements are prepared once, not once per booking. Instants are
   * bound as each engine stores them; read them back with `instant`.
   */
  async raw<T = Record<string, unknown>>(
    manager: EntityManager,
    sql: string,
    parameters: Record<string, unknown> = {},
  ): Promise<RawResult<T>> {
    const values: unknown[] = [];
    const bind = (value: unknown) => {
      values.push(value instanceof Date ? this.boundInstant(value) : value);
      return this.placeholder(values.length);
    };
    const text = sql.replace(
      /(?<!:):(\.\.\.)?([A-Za-z_]\w*)/g,
      (whole, list: string | undefined, name: string) => {
        if (!(name in parameters)) return whole;
        const value = parameters[name];
        return list ? (value as unknown[]).map(bind).join(', ') : bind(value);
      },
    );
    const result = await withRunner(manager, (runner) => runner.query(text, values, true));
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
  }

  /** The n-th (from 1) bound parameter in SQL. */
  protected abstract placeholder(n: number): string;

  /** An instant as the engine stores it. */
  protected abstract boundInstant(value: Date): unknown;

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

  protected placeholder(n: number): string {
    return `$${n}`;
  }

  protected boundInstant(value: Date): Date {
    return value;
  }

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

  protected placeholder(): string {
    return '?';
  }

  /** As TypeORM writes a `datetime`: UTC text, `2026-01-15 12:00:00.000`, so text comparisons order it. */
  protected boundInstant(value: Date): string {
    return value.toISOString().replace('T', ' ').replace('Z', '');
  }

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
