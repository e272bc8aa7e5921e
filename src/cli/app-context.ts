import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { prepareDatabase } from '../app.setup';
import { AppConfig } from '../config/app-config';
import { ConfigError, loadConfig } from '../config/load-config';

const NO_BACKGROUND_WORK = {
  DISPATCH_INTERVAL_MS: '0',
  REMINDER_SWEEP_MINUTES: '0',
  MATERIALS_SWEEP_MINUTES: '0',
  EVALUATION_SWEEP_MINUTES: '0',
  INVITATION_REMINDER_SWEEP_MINUTES: '0',
  JOB_TAKEOVER_MS: '0',
};

/** The configuration a command runs with; a bad variable ends the command with its name. */
export function commandConfig(): AppConfig {
  try {
    // A command does its work and ends; the server's background work has no place in it.
    return loadConfig({ LOG_LEVEL: 'warn', ...process.env, ...NO_BACKGROUND_WORK }, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Runs a command inside the application (same config, database and services as the server),
 * with the database migrated first, and closes it afterwards.
 */
export async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = commandConfig();
  // Created as the server is (not as an application context, which starts its modules at once), so
  // the database is migrated before any module's start-up reads its tables.
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await prepareDatabase(app);
    await app.init();
    return await work(app);
  } finally {
    await app.close();
  }
}
