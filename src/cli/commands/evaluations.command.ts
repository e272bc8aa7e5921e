import { Command } from 'commander';
import { EvaluationSweeper } from '../../evaluations/evaluation-sweeper';
import { withApp } from '../app-context';

export function registerEvaluationCommands(program: Command): void {
  program
    .command('evaluations')
    .description(
      'Ask the participants of seminars that have ended to evaluate them, and send the reminders that are due',
    )
    .action(() =>
      withApp(async (app) => {
        const { requested, reminded } = await app.get(EvaluationSweeper).sweep();
        console.log(`${requested} evaluation requests, ${reminded} reminders`);
      }),
    );
}
