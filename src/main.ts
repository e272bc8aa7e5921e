import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp, prepareDatabase } from './app.setup';
import { ConfigError, loadConfig } from './config/load-config';
import { EvaluationSweeper } from './evaluations/evaluation-sweeper';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.cwd());
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
  await app.listen(config.port);
  app.get(EvaluationSweeper).start();
  const where = config.database.engine === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  console.log(`Kattegat is running at ${config.publicBaseUrl} (database: ${where})`);
  console.log(`API documentation: ${config.publicBaseUrl}/api/docs`);
  if (!config.initialAdmin) {
    console.log(
      'No admin from the environment. Create the first one with: npm run cli -- create-admin <email>',
    );
  }
}

void bootstrap();
