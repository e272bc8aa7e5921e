import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { StaffService } from '../../auth/staff.service';
import { withApp } from '../app-context';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date and load the reference data')
    .action(() =>
      withApp(async (app) => {
        const applied = await app.get(DataSource).query('SELECT name FROM migrations ORDER BY id');
        console.log(`Database is up to date (${applied.length} migrations applied).`);
      }),
    );

  program
    .command('create-admin')
    .description('Create the first admin account (the password is read from ADMIN_PASSWORD or generated)')
    .argument('<email>', 'the admin’s e-mail address')
    .option('--name <name>', 'display name', 'Administrator')
    .action((email: string, options: { name: string }) =>
      withApp(async (app) => {
        const given = process.env.ADMIN_PASSWORD;
        const password = given ?? randomBytes(15).toString('base64url');
        const created = await app.get(StaffService).ensureAdmin(email, password, options.name);
        if (!created) {
          console.error(
            'An admin exists already; log in as that admin and create accounts through /api/staff.',
          );
          process.exitCode = 1;
          return;
        }
        console.log(`Admin ${email.toLowerCase()} created.`);
        if (!given) console.log(`Password (shown only now): ${password}`);
      }),
    );
}
