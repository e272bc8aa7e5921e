import { Command } from 'commander';
import { resolve } from 'node:path';
import { BackupError, backupDatabase, BackupSummary, restoreDatabase } from '../backup';
import { commandConfig } from '../app-context';

function report(verb: string, summary: BackupSummary): void {
  const rows = summary.rows === null ? '' : `, ${summary.rows} rows`;
  console.log(`${verb} ${summary.file} (${summary.bytes} bytes, ${summary.tables} tables${rows}).`);
}

/** Runs one of the two without starting the app: a restore must not migrate its target first. */
async function run(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Copy the database to FILE while the app runs (SQLite: the online backup API; PostgreSQL: pg_dump -Fc)',
    )
    .argument('<file>', 'the backup file to write; must not exist')
    .action((file: string) =>
      run(async () =>
        report('Backup written:', await backupDatabase(commandConfig().database, resolve(file))),
      ),
    );

  program
    .command('restore')
    .description(
      'Restore FILE into a new database: an SQLite file that does not exist yet, or an empty PostgreSQL database',
    )
    .argument('<file>', 'a file written by `backup`')
    .action((file: string) =>
      run(async () => {
        const config = commandConfig();
        report('Restored from', await restoreDatabase(config.database, resolve(file)));
        console.log('Start the app on it; it applies any newer migrations first.');
      }),
    );
}
