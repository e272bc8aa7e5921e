import { buildApp, freePort, startAppProcess } from './helpers/app-process';
import { createTestDatabase, TestDatabase } from './helpers/test-database';

jest.setTimeout(300_000);

/** The first start of a server as an operator sees it: where to sign in, and little else. */
describe('The start log of a real server process', () => {
  let build: ReturnType<typeof buildApp>;
  let database: TestDatabase;

  beforeAll(async () => {
    build = buildApp();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    build?.remove();
    await database?.drop();
  });

  const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...process.env,
    ...database.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    AUTH_SECRET: 'a-start-log-test-secret-of-more-than-32-characters',
    ...extra,
  });

  async function startAndStop(extra: NodeJS.ProcessEnv) {
    const port = await freePort();
    const app = await startAppProcess(build.dir, env(extra), port);
    await fetch(`${app.baseUrl}/log-ind`);
    await app.stop();
    return { output: app.output(), signIn: `http://localhost:${port}/log-ind` };
  }

  it('writes JSON lines for a collector, says where to sign in, and leaves the route table out', async () => {
    const { output, signIn } = await startAndStop({
      LOG_FORMAT: 'json',
      ADMIN_EMAIL: 'admin@kl.test',
      ADMIN_PASSWORD: 'et-rigtig-langt-kodeord',
    });
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l) => JSON.parse(l) as { msg?: string; signIn?: string; context?: string });
    expect(parsed.find((l) => l.signIn)?.signIn).toBe(signIn);
    expect(output).not.toContain('Mapped {');
    expect(parsed.filter((l) => ['RouterExplorer', 'InstanceLoader'].includes(l.context ?? ''))).toEqual([]);
    expect(output).not.toMatch(/no admin/i);
    expect(lines.length).toBeLessThan(15);
  });

  it('on a terminal: readable lines and the banner; no "no admin" when the database has one', async () => {
    // The admin from the first start is in the database; the environment names none now.
    const { output, signIn } = await startAndStop({ LOG_FORMAT: 'pretty' });
    expect(output).toContain(`Sign in (staff console): ${signIn}`);
    expect(output).not.toMatch(/^\{"level"/m);
    expect(output).not.toContain('Mapped {');
    expect(output).not.toMatch(/no admin/i);
    expect(output).toMatch(/INFO.*GET \/log-ind 200 \d+ ms/);
  });
});
