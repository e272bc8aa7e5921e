import { Command } from 'commander';
import { DemoLoader } from '../../demo/demo-loader';
import { withApp } from '../app-context';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(
      'Load the demo data set (KV21 and KV25, seminars, seats, evaluations, staff) into a fresh database',
    )
    .action(() =>
      withApp(async (app) => {
        const started = Date.now();
        const loader = new DemoLoader(app, (message) => process.stderr.write(`… ${message}\n`));
        const refusal = await loader.refusal();
        if (refusal) {
          console.error(
            `${refusal}\nStart from an empty database: remove data/kattegat.sqlite (or set SQLITE_PATH / a fresh DATABASE_URL) and run it again.`,
          );
          process.exitCode = 1;
          return;
        }
        const { accounts, counts } = await loader.load();
        process.stderr.write(`Demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        console.log('\nDemo data:');
        for (const [what, count] of Object.entries(counts)) console.log(`  ${what}: ${count}`);
        console.log('\nDemo staff accounts (passwords generated now and shown only here):');
        for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(20)} ${a.password}`);
        console.log('\nStart the server with `npm start` and sign in at http://localhost:3000/log-ind');
      }),
    );
}
