import { Global, Inject, Injectable, Logger, Module, Optional } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. TypeORM's better-sqlite3 driver shares ONE query runner
 * across the app and does not serialise transactions: a second `transaction()` started while the
 * first awaits becomes a savepoint inside it. So on SQLite the work is queued here, one
 * transaction at a time. On PostgreSQL every transaction has its own connection; a deadlock or
 * serialization failure is retried from the start.
 *
 * Reads outside the queue share that one connection too, so on SQLite a transaction must not wait
 * for real I/O (a file, the network, async crypto): while it waited, another request's read would
 * run inside it and see its uncommitted rows. better-sqlite3 answers synchronously, so a
 * transaction that awaits only the database ends within one turn of the event loop; one still
 * open when the next turn's `setImmediate` fires has awaited something else. Outside production
 * that is an error and the transaction is rolled back; in production it is logged.
 */
@Injectable()
export class Transactor {
  private readonly logger = new Logger(Transactor.name);
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  private readonly strict: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
    this.strict = !config?.production;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.withRetry(work, 1);
    // Its stack is formatted only if it is ever read, so keeping it costs little.
    const caller = this.strict ? new Error('A transaction awaited I/O') : undefined;
    const result = this.tail.then(() =>
      this.dataSource.transaction((manager) => this.withinOneTurn(work, manager, caller)),
    );
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withinOneTurn<T>(
    work: (manager: EntityManager) => Promise<T>,
    manager: EntityManager,
    caller: Error | undefined,
  ): Promise<T> {
    let spanned = false;
    const nextTurn = setImmediate(() => (spanned = true));
    try {
      const value = await work(manager);
      if (spanned) this.awaitedIo(caller);
      return value;
    } finally {
      clearImmediate(nextTurn);
    }
  }

  private awaitedIo(caller: Error | undefined): void {
    const what =
      'A transaction on SQLite waited for something other than the database; reads meanwhile saw its uncommitted rows';
    if (caller === undefined) {
      this.logger.error(what);
      return;
    }
    const where = (caller.stack ?? '').split('\n').slice(2).join('\n');
    throw new TransactionAwaitedIo(`${what}. Started at:\n${where}`);
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>, attempt: number): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (
        error instanceof QueryFailedError &&
        code &&
        RETRYABLE_PG_CODES.has(code) &&
        attempt < MAX_ATTEMPTS
      ) {
        return this.withRetry(work, attempt + 1);
      }
      throw error;
    }
  }
}

export class TransactionAwaitedIo extends Error {}

/** Available everywhere, so every module's writes go through the same queue on SQLite. */
@Global()
@Module({ providers: [Transactor], exports: [Transactor] })
export class TransactorModule {}
