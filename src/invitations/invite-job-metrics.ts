import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppMetrics } from '../metrics/app-metrics';
import { InvitationJob, InviteJobStatus } from './invitation-job.entity';

const STATES: InviteJobStatus[] = ['running', 'done', 'failed'];

/** `kattegat_jobs{kind="invitation",state}`: invitation jobs by state, counted from their table. */
@Injectable()
export class InviteJobMetrics implements OnModuleInit {
  private readonly logger = new Logger(InviteJobMetrics.name);

  constructor(
    private readonly metrics: AppMetrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const jobs = this.dataSource.getRepository(InvitationJob);
    const logger = this.logger;
    new Gauge({
      name: 'kattegat_jobs',
      help: 'Background jobs by kind and state (running, done, failed)',
      labelNames: ['kind', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        try {
          const rows = await jobs
            .createQueryBuilder('j')
            .select('j.status', 'status')
            .addSelect('COUNT(*)', 'n')
            .groupBy('j.status')
            .getRawMany<{ status: string; n: string | number }>();
          for (const state of STATES) {
            this.set({ kind: 'invitation', state }, Number(rows.find((r) => r.status === state)?.n ?? 0));
          }
        } catch (error) {
          this.reset();
          logger.warn(`Job metrics: ${(error as Error).message}`);
        }
      },
    });
  }
}
