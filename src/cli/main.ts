import 'reflect-metadata';
import { Command } from 'commander';
import { registerAllocationCommands } from './commands/allocation.command';
import { registerBackupCommands } from './commands/backup.command';
import { registerDatabaseCommands } from './commands/database.command';
import { registerDemoCommands } from './commands/demo.command';
import { registerEvaluationCommands } from './commands/evaluations.command';
import { registerMemberCommands } from './commands/member.command';
import { registerMessagingCommands } from './commands/messaging.command';

const program = new Command('kattegat').description(
  'Kattegat command line: bulk work for planners and admins',
);
registerDatabaseCommands(program);
registerBackupCommands(program);
registerMemberCommands(program);
registerMessagingCommands(program);
registerAllocationCommands(program);
registerEvaluationCommands(program);
registerDemoCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
