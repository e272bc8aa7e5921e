import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus registry: one per application (the tests start several in one process),
 * never prom-client's global one. This module defines the process, HTTP and database metrics;
 * every other module registers its own on `registry` where its data lives — messaging the outbox
 * and the sends (src/messaging/outbox-metrics.ts), invitations its jobs by state
 * (`kattegat_jobs{kind,state}`, src/invitations/invite-job-metrics.ts).
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();

  /** Rates are its `_count`, latencies its buckets; `route` is the route's template, never the path. */
  readonly httpRequests = new Histogram({
    name: 'kattegat_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
