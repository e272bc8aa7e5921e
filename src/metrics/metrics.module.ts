import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppMetrics } from './app-metrics';
import { MetricsController } from './metrics.controller';

/** The part of pg's Pool that tells how it is used. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Database connections: on PostgreSQL the pool's connections in use and idle, the requests
 * waiting for one, and its size. SQLite has one connection and queues transactions in the
 * Transactor, so it reports that one connection only.
 */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const { dataSource } = this;
    new Gauge({
      name: 'kattegat_db_pool_connections',
      help: 'Database connections by state: in use, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        if (dataSource.options.type !== 'postgres') {
          this.set({ state: 'in_use' }, dataSource.isInitialized ? 1 : 0);
          return;
        }
        const pool = (dataSource.driver as unknown as { master?: PoolCounts }).master;
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    const max = (dataSource.options as { extra?: { max?: number } }).extra?.max;
    new Gauge({
      name: 'kattegat_db_pool_max_connections',
      help: 'The most connections the database pool opens',
      registers: [this.metrics.registry],
    }).set(dataSource.options.type === 'postgres' ? (max ?? 10) : 1);
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
