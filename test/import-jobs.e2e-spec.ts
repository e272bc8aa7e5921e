import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_CALLER } from '../src/cycles/caller';
import { GdprService } from '../src/cycles/gdpr/gdpr.service';
import { ImportJobsService } from '../src/cycles/import/import-jobs.service';
import { createCycle } from './factories/cycles';
import { startTestApp, TestApp } from './helpers/test-app';

const AEROE = readFileSync(join(__dirname, '..', 'seeds', 'demo', 'aeroe-kommune.csv'));

/** Import jobs outlive the request and the process, and go with the data they hold. */
describe('Import jobs', () => {
  let t: TestApp;
  let jobs: ImportJobsService;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(ImportJobsService);
    planner = await t.tokenFor('planner');
  });
  afterAll(() => t.close());

  /** Every job handed to the service so far has run (the shutdown hook waits for the same). */
  const settled = () => jobs.onApplicationShutdown();
  const row = async (id: number) =>
    (
      await t.dataSource.query(`SELECT status, done, total, report, error FROM import_jobs WHERE id = ${id}`)
    )[0];
  const lastJob = async () =>
    Number((await t.dataSource.query(`SELECT MAX(id) AS id FROM import_jobs`))[0].id);
  const memberCount = async (cycleId: number) =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${cycleId}`))[0].n);
  /** As a process that stopped two minutes ago left it. */
  const leftBehind = (id: number, status: string) =>
    t.dataSource.query(
      `UPDATE import_jobs SET status = '${status}', updated_at = $1 WHERE id = ${id}`.replace(
        '$1',
        t.database.engine === 'postgres' ? "NOW() - INTERVAL '2 minutes'" : "datetime('now', '-2 minutes')",
      ),
    );

  it('checks a file in the background and keeps the report and the progress in the database', async () => {
    const cycleId = await createCycle(t, planner);
    await jobs.start(cycleId, [{ name: 'ærø.csv', bytes: AEROE }], CLI_CALLER);
    const id = await lastJob();
    await settled();
    const job = await row(id);
    expect(job).toMatchObject({ status: 'checked', done: 15, total: 15, error: null });
    expect(JSON.parse(job.report).summary).toEqual({
      rows: 15,
      created: 15,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(await memberCount(cycleId)).toBe(0);

    await jobs.commit(cycleId, id, false, CLI_CALLER);
    await settled();
    expect((await row(id)).status).toBe('committed');
    expect(await memberCount(cycleId)).toBe(15);
    await expect(jobs.commit(cycleId, id, false, CLI_CALLER)).rejects.toMatchObject({
      code: 'import_job.already_committed',
    });
  });

  it('takes up the checks a stopped process left, and puts a broken-off commit back to be confirmed', async () => {
    const cycleId = await createCycle(t, planner);
    await jobs.start(cycleId, [{ name: 'a.csv', bytes: AEROE }], CLI_CALLER);
    const checking = await lastJob();
    await jobs.start(cycleId, [{ name: 'b.csv', bytes: AEROE }], CLI_CALLER);
    const committing = await lastJob();
    await settled();
    await leftBehind(checking, 'checking');
    await t.dataSource.query(`UPDATE import_jobs SET report = NULL WHERE id = ${checking}`);
    await leftBehind(committing, 'committing');

    await jobs.onApplicationBootstrap();
    await settled();
    expect((await row(checking)).status).toBe('checked');
    expect(JSON.parse((await row(checking)).report).summary.created).toBe(15);
    expect((await row(committing)).status).toBe('checked');
    expect(await memberCount(cycleId)).toBe(0);
  });

  it('keeps why a file cannot be used, with the header’s problems in Danish for the page', async () => {
    const cycleId = await createCycle(t, planner);
    await jobs.start(cycleId, [{ name: 'tom.csv', bytes: Buffer.from('Navn;Alder\nJens;40\n') }], CLI_CALLER);
    const broken = await lastJob();
    await settled();
    expect(await row(broken)).toMatchObject({ status: 'failed', report: null });
    expect(JSON.parse((await row(broken)).error)).toMatchObject({
      code: 'import.header_invalid',
      header: expect.arrayContaining(['der er ingen kolonne E-mail']),
    });
  });

  it("goes when a member of the cycle is erased: the file may hold the member's row", async () => {
    const cycleId = await createCycle(t, planner);
    await jobs.start(cycleId, [{ name: 'ærø.csv', bytes: AEROE }], CLI_CALLER);
    const id = await lastJob();
    await settled();
    await jobs.commit(cycleId, id, false, CLI_CALLER);
    await settled();
    const [member] = await t.dataSource.query(`SELECT id FROM members WHERE cycle_id = ${cycleId} LIMIT 1`);
    await t.app.get(GdprService).erase(cycleId, member.id, CLI_CALLER);
    expect(await t.dataSource.query(`SELECT id FROM import_jobs WHERE cycle_id = ${cycleId}`)).toEqual([]);
  });
});
