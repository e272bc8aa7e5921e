import { Controller, Get, Header, Headers, Inject, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { Public } from '../auth/access.decorators';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppMetrics } from './app-metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus' scrape target. Not for staff tokens and not public: it answers only a scraper
 * that sends METRICS_TOKEN as a bearer token, and does not exist (404) when the token is unset.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected === undefined) throw new NotFoundException('Cannot GET /metrics');
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token || !timingSafeEqual(digest(token), digest(expected))) {
      throw new DomainError(
        'unauthenticated',
        'metrics.token_required',
        'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>',
      );
    }
    return this.metrics.registry.metrics();
  }
}
