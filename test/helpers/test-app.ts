import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, prepareDatabase } from '../../src/app.setup';
import { StaffRole } from '../../src/auth/roles';
import { StaffService } from '../../src/auth/staff.service';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { PROJECT_ROOT } from '../../src/paths';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Creates a staff account with the role and returns its bearer token. */
  tokenFor(role: StaffRole, email?: string): Promise<string>;
  close(): Promise<void>;
}

let accounts = 0;

/** Providers replaced by test doubles, e.g. `[[EvaluationDelivery, recorder]]`. */
export type ProviderOverrides = Array<[token: unknown, value: unknown]>;

/** Starts the whole application on a fresh database with the real migrations. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: ProviderOverrides = [],
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    // .eml files (no SMTP_URL) go beside the test database, not into the project's var/mail.
    {
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      MAIL_DIR: join(database.dataDir, 'mail'),
      ...database.env,
      ...env,
    },
    PROJECT_ROOT,
  );
  let builder: TestingModuleBuilder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  for (const [token, value] of overrides) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApp(app);
  await prepareDatabase(app);
  await app.init();
  const server = app.getHttpServer();

  return {
    app,
    config,
    database,
    dataSource: app.get(DataSource),
    http: () => request(server),
    async tokenFor(role, email = `${role}-${++accounts}@test.kattegat.dk`) {
      const password = 'et-rigtig-langt-kodeord';
      await app.get(StaffService).create({ email, name: `Test ${role}`, password, role });
      const res = await request(server).post('/api/auth/login').send({ email, password }).expect(200);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
