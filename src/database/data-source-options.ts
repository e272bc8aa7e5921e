import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/**
 * The one set of DataSource options, shared by the app, the CLI and the tests. No entity list:
 * each module registers its own entities (`TypeOrmModule.forFeature`), and the app loads them.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (database.engine === 'postgres') {
    // No connection timeout: pg's applies to waiting for a free connection too, and a burst of
    // bookings would get 503s. An outage fails fast anyway: the server refuses (ECONNREFUSED,
    // 57P01/57P03) and the request answers 503; the pool connects anew once the server is back.
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // WAL lets readers go on while one writer commits; the timeout makes a second process wait
    // for the write lock instead of failing at once.
    enableWAL: database.path !== ':memory:',
    timeout: 5000,
    // Deleted rows are overwritten with zeros rather than left in free space, where a copy of
    // the file would still show them: erased members' data, and the order anonymous answers
    // came in (src/evaluations/response-release.ts).
    prepareDatabase: (db: { pragma(source: string): unknown }) => void db.pragma('secure_delete = ON'),
  };
}
