import 'reflect-metadata';
import { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp, prepareDatabase } from './app.setup';
import { StaffService } from './auth/staff.service';
import { ConfigError, loadConfig } from './config/load-config';
import { startBanner } from './start-banner';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.cwd(), process.stdout.isTTY === true);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  for (const warning of config.warnings) console.warn(`Warning: ${warning}`);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  configureApp(app);
  await prepareDatabase(app);
  // `npm run demo` and `create-admin` make admins too: only a database without one is told how.
  const hasAdmin = await app.get(StaffService).hasActiveAdmin();
  await app.listen(config.port);
  // Nest's own handler (enableShutdownHooks) then lets the requests, mail batches and jobs in
  // flight end before the database closes; new connections are refused from the first moment.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => (app.getHttpServer() as Server).close());
  }
  const banner = startBanner(config, hasAdmin);
  if (config.logFormat === 'pretty') console.log(`\n${banner.join('\n')}\n`);
  else app.get(Logger).log({ signIn: `${config.publicBaseUrl}/log-ind` }, banner.join(' | '));
}

void bootstrap();
