import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Dialect, dialectFor } from './dialect';

const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction. Where the dialect needs serial transactions (SQLite's
 * one shared connection) the work is queued here, one transaction at a time; otherwise every
 * transaction has its own connection, and one that the dialect calls retryable (a deadlock or
 * serialization failure) is run again from the start.
 */
@Injectable()
export class Transactor {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.dialect.serialTransactions) return this.withRetry(work, 1);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
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

const dialectProvider = {
  provide: Dialect,
  useFactory: (config: AppConfig) => dialectFor(config.database.engine),
  inject: [APP_CONFIG],
};

/** Available everywhere, so every module's writes go through the same queue on SQLite. */
@Global()
@Module({ providers: [Transactor, dialectProvider], exports: [Transactor, Dialect] })
export class TransactorModule {}
