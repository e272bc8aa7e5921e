import { Command } from 'commander';
import { DemoLoader } from '../../demo/demo-loader';
import { withApp } from '../app-context';

/**
 * The demo writes thousands of e-mails into the outbox; with SMTP_URL set the server would send
 * them. Its addresses are on reserved `.example` domains, but a relay may still try, bounce or
 * log them: so a demo on a mail-sending configuration must be asked for by name.
 */
export const SMTP_REFUSAL = [
  'SMTP_URL er sat: demoen skriver tusindvis af e-mails til opdigtede medlemmer, og serveren sender dem gennem SMTP_URL.',
  'Kør demoen uden SMTP_URL, eller tilføj --send-real-mail (npm run demo -- --send-real-mail), hvis det er meningen.',
  'SMTP_URL is set: the demo writes thousands of e-mails to made-up members, and the server sends them through SMTP_URL.',
  'Run the demo without SMTP_URL, or add --send-real-mail (npm run demo -- --send-real-mail) if that is what you want.',
].join('\n');

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(
      'Load the demo data set (KV21 and KV25, seminars, seats, evaluations, staff) into a fresh database',
    )
    .option('--send-real-mail', 'load it even though SMTP_URL is set, so the server will send its e-mails')
    .action((options: { sendRealMail?: boolean }) => {
      if (process.env.SMTP_URL?.trim() && !options.sendRealMail) {
        console.error(SMTP_REFUSAL);
        process.exitCode = 1;
        return;
      }
      return withApp(async (app) => {
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
        for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(30)} ${a.password}`);
        console.log('\nStart the server with `npm start` and sign in at http://localhost:3000/log-ind');
      });
    });
}
