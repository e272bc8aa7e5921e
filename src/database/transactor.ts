import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. TypeORM's better-sqlite3 driver shares ONE query runner
 * across the app and does not serialise transactions: a second `transaction()` started while the
 * first awaits becomes a savepoint inside it. So on SQLite the work is queued here, one
 * transaction at a time. On PostgreSQL every transaction has its own connection; a deadlock or
 * serialization failure is retried from the start.
 */
@Injectable()
export class Transactor {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.withRetry(work, 1);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
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

/** Available everywhere, so every module's writes go through the same queue on SQLite. */
@Global()
@Module({ providers: [Transactor], exports: [Transactor] })
export class TransactorModule {}
