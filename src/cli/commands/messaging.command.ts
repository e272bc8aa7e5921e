import { Command } from 'commander';
import { MaterialsAnnouncer } from '../../materials/materials-announcer';
import { DispatcherService } from '../../messaging/dispatcher.service';
import { ReminderSweeper } from '../../messaging/reminder-sweeper';
import { withApp } from '../app-context';
import { progressBar } from '../progress';

export function registerMessagingCommands(program: Command): void {
  program
    .command('send')
    .description('Send every message in the outbox that is due now (the server does this on an interval too)')
    .action(() =>
      withApp(async (app) => {
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

  program
    .command('reminders')
    .description(
      'Write the reminders due now (REMINDER_DAYS before each registered seat) and the "materials available" e-mails to the outbox; `send` sends them',
    )
    .action(() =>
      withApp(async (app) => {
        const written = await app.get(ReminderSweeper).sweep();
        const announced = await app.get(MaterialsAnnouncer).sweep();
        console.log(`Wrote ${written} reminders and ${announced} "materials available" e-mails.`);
      }),
    );
}
