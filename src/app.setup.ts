import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { static as serveStatic } from 'express';
import { join } from 'node:path';
import helmet, { HelmetOptions } from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { StaffService } from './auth/staff.service';
import { AllExceptionsFilter } from './common/exception.filter';
import { QuietStartLogger } from './common/logging';
import { createValidationPipe } from './common/validation.pipe';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppMetrics } from './metrics/app-metrics';
import { httpMetrics } from './metrics/http-metrics';
import { ResponseRelease } from './evaluations/response-release';
import { ReferenceSeeder } from './reference/reference.seeder';
import { PROJECT_ROOT } from './paths';

/**
 * Security headers. `upgrade-insecure-requests` and HSTS only where the app is reached over
 * https: on a plain-http address (a staging server without TLS) they would send the browser to
 * an https that does not answer, and the stylesheet and the forms would break.
 */
export function helmetOptions(config: AppConfig): HelmetOptions {
  const https = new URL(config.publicBaseUrl).protocol === 'https:';
  return {
    contentSecurityPolicy: {
      directives: {
        // Swagger UI styles itself inline; nothing of ours needs inline scripts.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // The check-in scanner (qr-scanner) decodes camera frames in a worker it starts from a blob.
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  };
}

/**
 * The design system (DKFDS: styles, fonts, icons, its small script), htmx and the check-in
 * scanner (qr-scanner), served by the app from the installed packages — no CDN, and the CSP
 * stays 'self'.
 */
function serveVendorAssets(app: NestExpressApplication): void {
  const options = { index: false, maxAge: '1h' };
  app.use('/assets/dkfds', serveStatic(join(PROJECT_ROOT, 'node_modules/dkfds/dist'), options));
  app.use('/assets/htmx', serveStatic(join(PROJECT_ROOT, 'node_modules/htmx.org/dist'), options));
  app.use('/assets/qr-scanner', serveStatic(join(PROJECT_ROOT, 'node_modules/qr-scanner'), options));
}

/** Everything an application needs around its modules; shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  // Before anything reads req.ip: behind a proxy the limiters count the client, not the proxy.
  app.set('trust proxy', config.trustProxy);
  app.use(httpMetrics(app.get(AppMetrics)));
  app.disable('x-powered-by');
  // Express hashes every body it sends for an ETag. The pages are personal and `no-store`, the
  // API's answers are made per caller: no client revalidates them, and a page is ~40 kB of hashing
  // on every view. The assets keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.use(helmet(helmetOptions(config)));
  // The staff pages' session and sign-in cookies; the API reads only the Authorization header.
  app.use(cookieParser());
  serveVendorAssets(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kattegat API')
      .setDescription('Onboarding programme for newly elected municipal council members')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Brings the database up to date, makes sure the reference data and the first admin exist, and
 * files evaluation answers a crash left held.
 */
export async function prepareDatabase(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  await app.get(ReferenceSeeder).seed();
  await app.get(ResponseRelease).releaseAllHeld();
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.initialAdmin) {
    await app.get(StaffService).ensureAdmin(config.initialAdmin.email, config.initialAdmin.password);
  }
}
