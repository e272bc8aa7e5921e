import { Command } from 'commander';
import { registerEvaluationCommands } from '../src/cli/commands/evaluations.command';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { recordAttendance, seminarWithParticipants } from './factories/evaluations.factory';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

describe('The evaluations command', () => {
  let t: TestApp;
  let planner: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  it('asks for the evaluations that are missing, on the same database as the server', async () => {
    const { seminar, seats } = await seminarWithParticipants(t, planner, 2);
    await recordAttendance(
      t,
      planner,
      seminar.id,
      seats.map((registrationId) => ({ registrationId, attended: true })),
    );
    // As if attendance had been recorded before evaluations existed.
    await t.dataSource.getRepository(EvaluationRequest).delete({ seminarId: seminar.id });

    process.env = { ...saved, ...t.database.env, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      const program = new Command().exitOverride();
      registerEvaluationCommands(program);
      await program.parseAsync(['node', 'kattegat', 'evaluations']);
    } finally {
      log.mockRestore();
    }
    expect(printed).toEqual(['2 evaluation requests, 0 reminders']);
    await expect(
      t.dataSource.getRepository(EvaluationRequest).countBy({ seminarId: seminar.id }),
    ).resolves.toBe(2);
  });
});
