import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp, prepareDatabase } from './app.setup';
import { StaffService } from './auth/staff.service';
import { ConfigError, loadConfig } from './config/load-config';
import { EvaluationSweeper } from './evaluations/evaluation-sweeper';
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  configureApp(app);
  await prepareDatabase(app);
  await app.listen(config.port);
  app.get(EvaluationSweeper).start();
  const banner = startBanner(config, await app.get(StaffService).hasAdmin());
  if (config.logFormat === 'pretty') console.log(`\n${banner.join('\n')}\n`);
  else app.get(Logger).log({ signIn: `${config.publicBaseUrl}/log-ind` }, banner.join(' | '));
}

void bootstrap();
