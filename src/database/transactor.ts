import { Global, Inject, Injectable, Logger, Module, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Dialect, dialectFor } from './dialect';

const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. Where the dialect needs serial transactions (SQLite's
 * one shared connection) the work is queued here and run one unit at a time; otherwise every
 * transaction has its own connection, and one that the dialect calls retryable (a deadlock or
 * serialization failure) is run again from the start.
 *
 * On SQLite the units queued at the same moment (a rush of bookings) commit together: one
 * transaction, each unit in a savepoint of its own, so a unit that fails rolls back alone and its
 * error reaches only its caller. A commit waits for the disk (fsync, about a millisecond here, and
 * better-sqlite3 waits with the event loop), so one per unit made the disk the rush's limit.
 * Nobody hears of a unit before the commit that holds it, so what is answered stays durable.
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
  private readonly queue: Unit[] = [];
  private groupPending = false;
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
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        caller,
        settle: (o) => ('value' in o ? resolve(o.value as T) : reject(o.error)),
      });
      this.scheduleGroup();
    });
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

  /**
   * The next group starts after the I/O callbacks of this turn of the event loop, so the requests
   * that arrived together are queued by then, and one group at a time.
   */
  private scheduleGroup(): void {
    if (this.groupPending) return;
    this.groupPending = true;
    setImmediate(() => void this.runGroup());
  }

  private async runGroup(): Promise<void> {
    const units = this.queue.splice(0, GROUP_LIMIT);
    const outcomes: Outcome[] = [];
    try {
      if (units.length === 1) outcomes.push(await outcomeOf(this.alone(units[0])));
      else {
        await this.dataSource.transaction(async (manager) => {
          for (const unit of units) {
            outcomes.push(
              await outcomeOf(manager.transaction((m) => this.withinOneTurn(unit.work, m, unit.caller))),
            );
            // Some SQLite errors (a full disk, say) roll back the whole transaction, not the savepoint.
            if (!this.inTransaction()) throw new GroupLost();
          }
        });
      }
    } catch {
      // The group did not commit: each unit again on its own, so an error reaches only its caller.
      outcomes.length = 0;
      for (const unit of units) outcomes.push(await outcomeOf(this.alone(unit)));
    } finally {
      this.groupPending = false;
      if (this.queue.length > 0) this.scheduleGroup();
    }
    units.forEach((unit, i) => unit.settle(outcomes[i]));
  }

  private alone(unit: Unit): Promise<unknown> {
    return this.dataSource.transaction((manager) => this.withinOneTurn(unit.work, manager, unit.caller));
  }

  private inTransaction(): boolean {
    return (this.dataSource.driver as BetterSqlite3Driver).databaseConnection.inTransaction as boolean;
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

/** At most this many units commit together: a group runs within one turn of the event loop. */
const GROUP_LIMIT = 32;

type Outcome = { value: unknown } | { error: unknown };

interface Unit {
  work: (manager: EntityManager) => Promise<unknown>;
  caller: Error | undefined;
  settle: (outcome: Outcome) => void;
}

class GroupLost extends Error {}

const outcomeOf = (work: Promise<unknown>): Promise<Outcome> =>
  work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

const dialectProvider = {
  provide: Dialect,
  useFactory: (config: AppConfig) => dialectFor(config.database.engine),
  inject: [APP_CONFIG],
};

/** Available everywhere, so every module's writes go through the same queue on SQLite. */
@Global()
@Module({ providers: [Transactor, dialectProvider], exports: [Transactor, Dialect] })
export class TransactorModule {}
