import { Command } from 'commander';
import { DispatcherService } from '../../messaging/dispatcher.service';
import { ReminderSweeper } from '../../messaging/reminder-sweeper';
import { withApp } from '../app-context';
import { progressBar } from '../progress';

export function registerMessagingCommands(program: Command): void {
  program
    .command('send')
    .description(
      'Write the reminders due now, then send every message in the outbox that is due (the server does both on an interval too)',
    )
    .action(() =>
      withApp(async (app) => {
        const reminders = await app.get(ReminderSweeper).sweep();
        if (reminders > 0) console.log(`Wrote ${reminders} reminders.`);
        const dispatcher = app.get(DispatcherService);
        const total = await dispatcher.countDue();
        const progress = progressBar('Sending');
        progress.update(0, total);
        const summary = await dispatcher.drain((done) => progress.update(done, Math.max(total, done)));
        progress.stop();
        console.log(
          `Sent ${summary.sent}, to be retried later ${summary.retrying}, failed ${summary.failed} (see GET /api/messages?status=failed).`,
        );
        if (summary.failed > 0) process.exitCode = 1;
      }),
    );
}
