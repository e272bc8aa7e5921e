import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { StaffService } from './auth/staff.service';
import { AllExceptionsFilter } from './common/exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ReferenceSeeder } from './reference/reference.seeder';

/** Everything an application needs around its modules; shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI styles itself inline; nothing of ours needs inline scripts.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  // The staff pages' session and sign-in cookies; the API reads only the Authorization header.
  app.use(cookieParser());
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

/** Brings the database up to date and makes sure the reference data and the first admin exist. */
export async function prepareDatabase(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  await app.get(ReferenceSeeder).seed();
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.initialAdmin) {
    await app.get(StaffService).ensureAdmin(config.initialAdmin.email, config.initialAdmin.password);
  }
}
