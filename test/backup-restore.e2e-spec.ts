import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildApp, freePort, runCli as cli, startAppProcess } from './helpers/app-process';
import { createTestDatabase, TestDatabase } from './helpers/test-database';
import { waitUntil } from './helpers/wait';

jest.setTimeout(600_000);

/** Tables the writers in this test do not touch: the restored copy has exactly what the source has. */
const UNTOUCHED = [
  'cycles',
  'seminars',
  'registrations',
  'registration_events',
  'invitations',
  'outbox_messages',
  'evaluation_requests',
  'evaluation_responses',
  'staff_users',
  'migrations',
];

interface Acknowledged {
  email: string;
  at: number;
}

/** Reads the database a test database's env names, with its own connection. */
async function query(database: TestDatabase, sql: string): Promise<Array<Record<string, unknown>>> {
  if (database.engine === 'sqlite') {
    const db = new Database(database.env.SQLITE_PATH, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * `backup` while the app (a real process) keeps writing, `restore` into a new database, and the
 * app started on what was restored: every row committed before the backup began is there.
 */
describe('Backup and restore', () => {
  let build: { dir: string; remove(): void };
  let source: TestDatabase;
  let target: TestDatabase;
  const missingTools =
    process.env.DATABASE_URL && spawnSync('pg_dump', ['--version']).status !== 0
      ? 'pg_dump is not on PATH: the PostgreSQL backup test is skipped'
      : null;

  beforeAll(async () => {
    build = buildApp();
    source = await createTestDatabase();
    target = await createTestDatabase();
  });
  afterAll(async () => {
    build?.remove();
    await source.drop();
    await target.drop();
  });

  const envOf = (database: TestDatabase): NodeJS.ProcessEnv => ({
    ...process.env,
    ...database.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    AUTH_SECRET: 'a-backup-test-secret-of-more-than-32-characters',
  });

  it('copies a database the app is writing to, and the app starts on the restored copy', async () => {
    if (missingTools) {
      console.warn(missingTools);
      return;
    }
    const demo = await cli(build.dir, envOf(source), ['demo']);
    expect(demo.code).toBe(0);
    const [, email, password] = /^\s*planner\s+(\S+)\s+(\S+)\s*$/m.exec(demo.output)!;

    const app = await startAppProcess(build.dir, envOf(source), await freePort());
    const acknowledged: Acknowledged[] = [];
    let writing = true;
    let cycleId = 0;
    let writers: Promise<void>[] = [];
    try {
      const login = await fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const cycles = (await (
        await fetch(`${app.baseUrl}/api/cycles`, { headers: { Authorization: `Bearer ${accessToken}` } })
      ).json()) as Array<{ id: number; code: string }>;
      cycleId = cycles.find((c) => c.code === 'KV25')!.id;

      // Two writers adding members one after the other, each noting when its write was acknowledged.
      let n = 0;
      const writer = async () => {
        while (writing) {
          const address = `backup-writer-${++n}@kommune.test`;
          const res = await fetch(`${app.baseUrl}/api/cycles/${cycleId}/members`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              name: `Skriver ${n}`,
              email: address,
              municipalityCode: 461,
              listLetter: 'A',
              newlyElected: true,
            }),
          });
          if (res.status !== 201) throw new Error(`A write failed: ${res.status} ${await res.text()}`);
          acknowledged.push({ email: address, at: Date.now() });
        }
      };
      writers = [writer(), writer()];
      await waitUntil(() => acknowledged.length >= 20, { timeoutMs: 60_000, what: 'the first writes' });

      const began = Date.now();
      const before = acknowledged.filter((a) => a.at < began).map((a) => a.email);
      const file = join(source.dataDir, 'kattegat.backup');
      const backup = await cli(build.dir, envOf(source), ['backup', file]);
      const ended = Date.now();
      expect(backup).toMatchObject({ code: 0, output: expect.stringContaining(`Backup written: ${file}`) });
      const during = acknowledged.filter((a) => a.at >= began && a.at <= ended).length;
      expect(during).toBeGreaterThan(0);
      // A backup over a file that exists is refused, and leaves it as it was.
      await expect(cli(build.dir, envOf(source), ['backup', file])).resolves.toMatchObject({
        code: 1,
        output: expect.stringContaining('exists already'),
      });
      const after = acknowledged.length;
      await waitUntil(() => acknowledged.length >= after + 5, {
        timeoutMs: 60_000,
        what: 'writes after the backup',
      });
      writing = false;
      await Promise.all(writers);

      // Restored into a new, empty database while the source app still runs.
      const restore = await cli(build.dir, envOf(target), ['restore', file]);
      expect(restore).toMatchObject({ code: 0, output: expect.stringContaining('Restored from') });
      const restoredEmails = new Set(
        (await query(target, `SELECT email FROM members WHERE cycle_id = ${cycleId}`)).map((r) =>
          String(r.email),
        ),
      );
      expect(before.filter((e) => !restoredEmails.has(e))).toEqual([]);
      const sourceEmails = new Set(
        (await query(source, `SELECT email FROM members WHERE cycle_id = ${cycleId}`)).map((r) =>
          String(r.email),
        ),
      );
      expect([...restoredEmails].filter((e) => !sourceEmails.has(e))).toEqual([]);
      expect(acknowledged.some((a) => !restoredEmails.has(a.email))).toBe(true);
      for (const table of UNTOUCHED) {
        const count = async (db: TestDatabase) =>
          Number((await query(db, `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
        expect([table, await count(target)]).toEqual([table, await count(source)]);
      }
      console.log(
        `Backup: ${before.length} members acknowledged before it began, ${during} while it ran; ` +
          `${restoredEmails.size} members of KV25 restored.`,
      );

      // Restoring over a database that holds data is refused.
      await expect(cli(build.dir, envOf(target), ['restore', file])).resolves.toMatchObject({ code: 1 });
    } finally {
      writing = false;
      await Promise.allSettled(writers);
      await app.stop();
    }

    const restored = await startAppProcess(build.dir, envOf(target), await freePort());
    try {
      const login = await fetch(`${restored.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const page = await fetch(`${restored.baseUrl}/api/cycles/${cycleId}/members?pageSize=1`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      const { total } = (await page.json()) as { total: number };
      const [{ n }] = await query(target, `SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${cycleId}`);
      expect(total).toBe(Number(n));
    } finally {
      await restored.stop();
    }
  });
});
