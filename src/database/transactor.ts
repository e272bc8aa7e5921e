import { Global, Inject, Injectable, Logger, Module, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Dialect, dialectFor } from './dialect';

const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. Where the dialect needs serial transactions (SQLite's
 * one shared connection) the work is queued here, one transaction at a time; otherwise every
 * transaction has its own connection, and one that the dialect calls retryable (a deadlock or
 * serialization failure) is run again from the start.
 *
 * Reads outside the queue share that one SQLite connection too, so there a transaction must not
 * wait for real I/O (a file, the network, async crypto): while it waited, another request's read
 * would run inside it and see its uncommitted rows. better-sqlite3 answers synchronously, so a
 * transaction that awaits only the database ends within one turn of the event loop; one still
 * open when the next turn's `setImmediate` fires has awaited something else. Outside production
 * that is an error and the transaction is rolled back; in production it is logged.
 */
@Injectable()
export class Transactor {
  private readonly logger = new Logger(Transactor.name);
  private tail: Promise<unknown> = Promise.resolve();
  private readonly strict: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.strict = !config?.production;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.dialect.serialTransactions) return this.withRetry(work, 1);
    // Its stack is formatted only if it is ever read, so keeping it costs little.
    const caller = this.strict ? new Error('A transaction awaited I/O') : undefined;
    const result = this.tail.then(() =>
      this.dataSource.transaction((manager) => this.withinOneTurn(work, manager, caller)),
    );
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Reads that need no transaction, such as a page's queries: on SQLite they do not wait in the
   * write queue behind a rush of bookings, and on PostgreSQL they skip BEGIN and COMMIT. Each
   * query sees committed rows (see the class comment for SQLite); a read that must see several
   * tables at one instant belongs in `run`.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
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
      if (this.dialect.isRetryable(error) && attempt < MAX_ATTEMPTS) return this.withRetry(work, attempt + 1);
      throw error;
    }
  }
}

export class TransactionAwaitedIo extends Error {}

const dialectProvider = {
  provide: Dialect,
  useFactory: (config: AppConfig) => dialectFor(config.database.engine),
  inject: [APP_CONFIG],
};

/** Available everywhere, so every module's writes go through the same queue on SQLite. */
@Global()
@Module({ providers: [Transactor, dialectProvider], exports: [Transactor, Dialect] })
export class TransactorModule {}
