import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { Client } from 'pg';
import { DatabaseConfig } from '../config/app-config';

export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Rows per table in the copy (SQLite), or tables with data in the archive (PostgreSQL). */
  tables: number;
  rows: number | null;
}

/**
 * A consistent copy of the database while the app keeps writing to it: every row committed
 * before the copy began is in it, nothing half-written is. Written beside FILE first and moved
 * into place only when it is complete and checked, so a failed backup never leaves a partial
 * file under the name given. An existing FILE is refused.
 */
export async function backupDatabase(database: DatabaseConfig, file: string): Promise<BackupSummary> {
  if (existsSync(file)) throw new BackupError(`${file} exists already: give a new file name`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    const summary =
      database.engine === 'sqlite'
        ? await backupSqlite(database.path, partial)
        : await backupPostgres(database.url, partial);
    renameSync(partial, file);
    return { ...summary, file, bytes: statSync(file).size };
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Restores FILE into the database the configuration names, which must be new: an SQLite file
 * that does not exist yet, or an empty PostgreSQL database (createdb). The app applies any newer
 * migrations when it starts on it.
 */
export async function restoreDatabase(database: DatabaseConfig, file: string): Promise<BackupSummary> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const summary =
    database.engine === 'sqlite'
      ? await restoreSqlite(file, database.path)
      : await restorePostgres(file, database.url);
  return { ...summary, file, bytes: statSync(file).size };
}

// --- SQLite: the online backup API of better-sqlite3 -------------------------------------------

/** Every table's row count, after an integrity check; refuses a file that is not a Kattegat database. */
function checkSqlite(db: Database.Database, what: string): { tables: number; rows: number } {
  const [{ integrity_check: integrity }] = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  if (integrity !== 'ok') throw new BackupError(`${what} fails SQLite's integrity check: ${integrity}`);
  const tables = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);
  if (!tables.includes('migrations')) throw new BackupError(`${what} is not a Kattegat database`);
  const rows = tables.reduce(
    (sum, name) =>
      sum + (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    0,
  );
  return { tables: tables.length, rows };
}

/**
 * SQLite's backup API restarts a copy whenever another connection writes between two of its
 * steps; so after the first step it copies everything in one step, inside one read snapshot
 * (WAL mode lets the app go on writing meanwhile), and cannot be starved by a busy app.
 */
async function copySqlite(from: Database.Database, to: string): Promise<void> {
  await from.backup(to, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
}

async function backupSqlite(path: string, partial: string) {
  if (path === ':memory:') throw new BackupError('An in-memory database cannot be backed up');
  if (!existsSync(path)) throw new BackupError(`The database ${path} does not exist`);
  const source = new Database(path, { fileMustExist: true, timeout: 5000 });
  try {
    await copySqlite(source, partial);
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // One self-contained file: the copy keeps the source's WAL mode otherwise, and with it
    // -wal and -shm files beside it.
    copy.pragma('journal_mode = DELETE');
    return checkSqlite(copy, 'The copy');
  } finally {
    copy.close();
  }
}

async function restoreSqlite(file: string, path: string) {
  if (path === ':memory:') throw new BackupError('Restore into a database file, not :memory:');
  if (existsSync(path) || existsSync(`${path}-wal`)) {
    throw new BackupError(
      `${path} exists already: restore into a new file (SQLITE_PATH), or stop the app and move the old one away first`,
    );
  }
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqlite(backup, file);
    await copySqlite(backup, path);
  } finally {
    backup.close();
  }
  const restored = new Database(path, { fileMustExist: true });
  try {
    return checkSqlite(restored, 'The restored database');
  } finally {
    restored.close();
  }
}

// --- PostgreSQL: pg_dump -Fc and pg_restore ----------------------------------------------------

/** libpq's URL without the password, which goes in PGPASSWORD so it shows in no process list. */
function libpqTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    url: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `${tool} was not found on PATH. Install the PostgreSQL client tools (of the server's major ` +
                `version or newer), or run it yourself: see README, "Backups".`,
            )
          : error,
      ),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** The archive's table-data entries; pg_restore --list also proves the archive reads. */
async function archivedTables(file: string): Promise<number> {
  const listing = await run('pg_restore', ['--list', file], process.env);
  return listing.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
}

async function backupPostgres(url: string, partial: string) {
  const target = libpqTarget(url);
  // One snapshot for the whole dump: every row committed before it began, nothing after.
  await run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${target.url}`], target.env);
  return { tables: await archivedTables(partial), rows: null };
}

async function restorePostgres(file: string, url: string) {
  const tables = await archivedTables(file);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (Number(rows[0].n) > 0) {
      throw new BackupError(
        'DATABASE_URL names a database that holds tables already: create an empty one (createdb) and restore into that',
      );
    }
  } finally {
    await client.end();
  }
  const target = libpqTarget(url);
  await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${target.url}`,
      file,
    ],
    target.env,
  );
  return { tables, rows: null };
}
