import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Dialect } from '../database/dialect';
import { AppMetrics } from './app-metrics';
import { MetricsController } from './metrics.controller';

/**
 * Database connections as the dialect reports them: on PostgreSQL the pool's connections in use
 * and idle, the requests waiting for one, and its size; SQLite has one connection (transactions
 * queue in the Transactor), so that one only.
 */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  onModuleInit(): void {
    const { dataSource, dialect } = this;
    new Gauge({
      name: 'kattegat_db_pool_connections',
      help: 'Database connections by state: in use, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        const use = dialect.poolUse(dataSource);
        if (!use) return;
        this.set({ state: 'in_use' }, use.inUse);
        if (use.idle !== undefined) this.set({ state: 'idle' }, use.idle);
        if (use.waiting !== undefined) this.set({ state: 'waiting' }, use.waiting);
      },
    });
    new Gauge({
      name: 'kattegat_db_pool_max_connections',
      help: 'The most connections the database pool opens',
      registers: [this.metrics.registry],
    }).set(dialect.poolSize(dataSource));
  }
}

/** Global, so every module can add its own metrics to the one registry. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [AppMetrics, DatabasePoolMetrics],
  exports: [AppMetrics],
})
export class MetricsModule {}
