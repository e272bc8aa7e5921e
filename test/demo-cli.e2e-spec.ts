import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { buildApp, freePort, runCli, startAppProcess } from './helpers/app-process';
import { createTestDatabase, TestDatabase } from './helpers/test-database';

jest.setTimeout(600_000);

/** The tables in the test database: none until something has migrated it. */
async function tableCount(database: TestDatabase): Promise<number> {
  if (database.engine === 'sqlite') return existsSync(database.env.SQLITE_PATH) ? -1 : 0;
  const client = new Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** `npm run demo` as the built command line runs it, and the server started on what it loaded. */
describe('The demo command', () => {
  let build: { dir: string; remove(): void };
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    build = buildApp();
    database = await createTestDatabase();
    env = {
      ...process.env,
      ...database.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'a-demo-command-test-secret-of-more-than-32-characters',
    };
    delete env.SMTP_URL;
  });
  afterAll(async () => {
    build?.remove();
    await database?.drop();
  });

  /** The server's start banner on the database as it is now. */
  const banner = async () => {
    // The banner is an info line (JSON when not on a terminal).
    const app = await startAppProcess(build.dir, { ...env, LOG_LEVEL: 'info' }, await freePort());
    await app.stop();
    return app.output();
  };

  it('refuses to run while SMTP_URL is set, in Danish and English, and touches no database', async () => {
    const refused = await runCli(build.dir, { ...env, SMTP_URL: 'smtp://127.0.0.1:2525' }, ['demo']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('SMTP_URL er sat: demoen skriver tusindvis af e-mails');
    expect(refused.output).toContain('SMTP_URL is set: the demo writes thousands of e-mails');
    expect(refused.output).toContain('--send-real-mail');
    expect(refused.output).not.toMatch(/Demo loaded/);
    await expect(tableCount(database)).resolves.toBe(0);
  });

  it('tells a server without an admin how to make one, and one after the demo that it has one', async () => {
    expect(await banner()).toContain('No admin account yet. Create the first one with');

    const loaded = await runCli(build.dir, { ...env, SMTP_URL: 'smtp://127.0.0.1:2525' }, [
      'demo',
      '--send-real-mail',
    ]);
    expect(loaded.code).toBe(0);
    expect(loaded.output).toMatch(/^Demo loaded in \d+\.\d s$/m);
    expect(loaded.output).toMatch(/^\s*admin\s+admin@kl\.example\s+\S{16}\s*$/m);
    expect(loaded.output).toMatch(/^\s*municipality\s+kontakt@aeroe\.kommune\.example\s+\S{16}\s*$/m);

    const after = await banner();
    expect(after).toContain('Kattegat is running at');
    expect(after).not.toMatch(/No admin/);
  });
});
