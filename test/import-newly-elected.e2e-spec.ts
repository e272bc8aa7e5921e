import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  describeReport,
  importMembersFile,
  registerMemberCommands,
} from '../src/cli/commands/member.command';
import { createCycle, municipalContactToken, upload } from './factories/cycles';
import { startTestApp, TestApp } from './helpers/test-app';

const RESULTS = join(__dirname, 'fixtures', 'import', 'aeroe-valgresultat-uden-nyvalgt.csv');
const PREVIOUS = join(__dirname, '..', 'seeds', 'demo', 'aeroe-kommune.csv');

interface Match {
  row: number;
  name: string;
  previous: { memberId: number; name: string } | null;
  newlyElected: boolean;
  corrected: boolean;
}

/** A file without a Nyvalgt column: the flag proposed from the previous cycle, over the API and the CLI. */
describe('Nyvalgt proposed from the previous cycle', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    const kv21 = await createCycle(t, planner, { electionDate: '2021-11-16', termStart: '2022-01-01' });
    await upload(t, planner, kv21, readFileSync(PREVIOUS), 'dryRun=false').expect(200);
  });
  afterAll(() => t.close());

  const flags = async (cycleId: number): Promise<Array<[string, boolean]>> =>
    (
      await t.dataSource.query(
        `SELECT email, newly_elected FROM members WHERE cycle_id = ${cycleId} ORDER BY email`,
      )
    ).map((r: { email: string; newly_elected: boolean | number }) => [r.email, Boolean(r.newly_elected)]);
  const memberCount = async (cycleId: number) =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${cycleId}`))[0].n);

  it('matches each row by municipality and name in æøå spelling variants and shows the matches', async () => {
    const kv25 = await createCycle(t, planner);
    const res = await upload(t, planner, kv25, readFileSync(RESULTS), 'dryRun=true').expect(200);
    const proposal = res.body.newlyElectedProposal;
    expect(proposal.previousCycle.code).toMatch(/^KV\d+$/);
    expect(proposal.accepted).toBe(false);
    expect(
      proposal.matches.map((m: Match) => [m.row, m.name, m.previous?.name ?? null, m.newlyElected]),
    ).toEqual([
      [2, 'IB AERENSTROEM', 'Ib Ærenstrøm', false],
      [3, 'Karen Soendergaard', 'Karen Søndergård', false],
      [4, 'Aase Bøgh', 'Åse Bøgh', false],
      [5, 'Inge Marstal Sørensen', 'Inge Marstal-Sørensen', false],
      [6, 'Rasmus Fæbøl', null, true],
      [7, 'Jens Hansen', null, true],
    ]);
    expect(res.body.summary).toMatchObject({ created: 6, rejected: 0 });
    expect(await memberCount(kv25)).toBe(0);
  });

  it('commits only once the proposal is accepted, with the planner’s corrections', async () => {
    const kv25 = await createCycle(t, planner);
    const refused = await upload(t, planner, kv25, readFileSync(RESULTS), 'dryRun=false').expect(422);
    expect(refused.body.code).toBe('import.newly_elected_unconfirmed');
    expect(await memberCount(kv25)).toBe(0);
    await upload(t, planner, kv25, readFileSync(RESULTS), 'dryRun=true&newlyElected=99').expect(400);

    const res = await upload(
      t,
      planner,
      kv25,
      readFileSync(RESULTS),
      'dryRun=false&acceptProposal=true&newlyElected=4&reElected=7',
    ).expect(200);
    expect(res.body.applied).toBe(true);
    const corrected = res.body.newlyElectedProposal.matches
      .filter((m: Match) => m.corrected)
      .map((m: Match) => m.row);
    expect(corrected).toEqual([4, 7]);
    expect(await flags(kv25)).toEqual([
      ['aase.boegh@aeroe.dk', true],
      ['ib.aerenstroem@aeroe.dk', false],
      ['inge.marstal@aeroe.dk', false],
      ['jens.hansen@aeroe.dk', false],
      ['karen.soendergaard@aeroe.dk', false],
      ['rasmus.faeboel@aeroe.dk', true],
    ]);
  });

  it('shows a municipal contact the matches of its own municipality only', async () => {
    const kv25 = await createCycle(t, planner);
    const admin = await t.tokenFor('admin');
    const odense = await municipalContactToken(t, admin, 461);
    const res = await upload(t, odense, kv25, readFileSync(RESULTS), 'dryRun=true').expect(200);
    expect(res.body.newlyElectedProposal.matches).toEqual([]);
    expect(res.body.summary).toMatchObject({ rejected: 6 });
  });

  it('prints the proposal on the command line and imports it with --accept-proposal', async () => {
    const kv25 = await createCycle(t, planner);
    const code = (await t.dataSource.query(`SELECT code FROM cycles WHERE id = ${kv25}`))[0].code as string;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const dry = await importMembersFile(t.app, code, RESULTS, { dryRun: true });
      const lines = describeReport(dry);
      expect(lines[0]).toMatch(/^No Nyvalgt column: proposed from the register of KV\d+:$/);
      expect(lines).toContain(
        `  row 2: IB AERENSTROEM = Ib Ærenstrøm (${dry.newlyElectedProposal?.previousCycle?.code}) → genvalgt`,
      );
      expect(lines).toContain('  row 6: Rasmus Fæbøl no match → nyvalgt');
      expect(lines).toContainEqual(expect.stringContaining('--accept-proposal'));
      await expect(importMembersFile(t.app, code, RESULTS, {})).rejects.toThrow('no Nyvalgt column');
      expect(await memberCount(kv25)).toBe(0);
      const done = await importMembersFile(t.app, code, RESULTS, { acceptProposal: true, newlyElected: [2] });
      expect(describeReport(done)).toContain(
        '  row 2: IB AERENSTROEM = Ib Ærenstrøm (' +
          `${done.newlyElectedProposal?.previousCycle?.code}) → nyvalgt (corrected)`,
      );
      expect((await flags(kv25)).filter(([, flag]) => flag).map(([email]) => email)).toEqual([
        'ib.aerenstroem@aeroe.dk',
        'jens.hansen@aeroe.dk',
        'rasmus.faeboel@aeroe.dk',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  it('takes the options on the command line itself, on the same database as the server', async () => {
    const kv25 = await createCycle(t, planner);
    const code = (await t.dataSource.query(`SELECT code FROM cycles WHERE id = ${kv25}`))[0].code as string;
    const saved = { ...process.env };
    process.env = { ...saved, ...t.database.env, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const run = async (...args: string[]) => {
      const program = new Command().exitOverride();
      registerMemberCommands(program);
      await program.parseAsync(['node', 'kattegat', 'import-members', code, RESULTS, ...args]);
    };
    try {
      await run('--dry-run');
      expect(printed).toContain('  row 7: Jens Hansen no match → nyvalgt');
      await expect(run('--newly-elected', 'fire')).rejects.toThrow('must be row numbers');
      await run('--accept-proposal', '--re-elected', '6,7');
      expect(printed.at(-1)).toBe('6 rows: 6 created, 0 updated, 0 unchanged, 0 rejected (applied)');
    } finally {
      log.mockRestore();
      stderr.mockRestore();
      process.env = saved;
    }
    expect((await flags(kv25)).filter(([, flag]) => flag)).toEqual([]);
  });
});
