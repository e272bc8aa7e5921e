import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { CLI_CALLER } from '../src/cycles/caller';
import { CyclesService } from '../src/cycles/cycles.service';
import { MemberImportService } from '../src/cycles/import/member-import.service';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { countryRows, csvFile, HEADER, TOTAL } from './country-file';

/**
 * Imports one cycle of the whole country (2,500 members in all 98 municipalities) through the
 * app's import service on SQLite, beside the raw better-sqlite3 insert rate of the same rows.
 * `npm run bench -- bench/import.bench.ts` measures SQLite; with DATABASE_URL set it measures
 * PostgreSQL instead, without the raw comparison (which needs better-sqlite3).
 */

async function xlsxFile(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Valgte');
  [HEADER, ...rows].forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The part of better-sqlite3's Database used here (the package ships no types). */
interface RawDatabase {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    run(params: Record<string, unknown>): unknown;
  };
  transaction(work: () => void): () => void;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const rate = (rows: number, millis: number) =>
  `${Math.round((rows / millis) * 1000).toLocaleString('en')} rows/s`;

describe('Member import benchmark (issue 3)', () => {
  let t: TestApp;
  let cycleNo = 0;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const newCycle = async () =>
    (
      await t.app.get(CyclesService).create({
        code: `BENCH${++cycleNo}`,
        name: 'Benchmark',
        electionDate: '2025-11-18',
        termStart: '2026-01-01',
      })
    ).id;

  const rawInsertTimes = async (runs: number): Promise<number[]> => {
    const csv = csvFile(countryRows());
    const db = (t.dataSource.driver as unknown as { databaseConnection: RawDatabase }).databaseConnection;
    const rawTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      const source = await newCycle();
      await t.app
        .get(MemberImportService)
        .import(source, csv, { dryRun: false, skipRejected: false }, CLI_CALLER);
      const stored = db
        .prepare(
          `SELECT name, email, phone, municipality_code, list_letter, list_name, newly_elected, role, diet,
                    accessibility, note, search_text FROM members WHERE cycle_id = ?`,
        )
        .all(source) as Array<Record<string, unknown>>;
      const target = await newCycle();
      const insert = db.prepare(
        `INSERT INTO members (cycle_id, name, email, phone, municipality_code, list_letter, list_name,
             newly_elected, role, diet, accessibility, note, search_text)
           VALUES (@cycle_id, @name, @email, @phone, @municipality_code, @list_letter, @list_name,
             @newly_elected, @role, @diet, @accessibility, @note, @search_text)`,
      );
      const start = performance.now();
      db.transaction(() => stored.forEach((r) => insert.run({ ...r, cycle_id: target })))();
      rawTimes.push(performance.now() - start);
    }
    return rawTimes;
  };

  it('imports 2,500 members of the whole country', async () => {
    const onSqlite = t.database.engine === 'sqlite';
    const importer = t.app.get(MemberImportService);
    const rows = countryRows();
    expect(rows).toHaveLength(TOTAL);
    const csv = csvFile(rows);
    const xlsx = await xlsxFile(rows);
    const RUNS = 5;

    const timed = async (file: Buffer, cycleId: number, dryRun: boolean) => {
      const start = performance.now();
      const report = await importer.import(cycleId, file, { dryRun, skipRejected: false }, CLI_CALLER);
      return { millis: performance.now() - start, report };
    };

    const commits: number[] = [];
    const dryRuns: number[] = [];
    const reimports: number[] = [];
    const xlsxCommits: number[] = [];
    const updates: number[] = [];
    const variedUpdates: number[] = [];
    // Every member's phone number changed to a number of its own: one statement per member.
    const newPhones = csvFile(rows.map((r, i) => [...r.slice(0, 2), `+45 ${30000000 + i}`, ...r.slice(3)]));
    // Every member's diet corrected: the worst case for a corrected file.
    const corrected = csvFile(rows.map((r) => [...r.slice(0, 7), 'glutenfri']));
    // The first import in a fresh process is the one a CLI user sees; the later ones run warm.
    const coldCycle = await newCycle();
    const cold = await timed(csv, coldCycle, false);
    expect(cold.report.summary.created).toBe(TOTAL);
    for (let run = 0; run < RUNS; run++) {
      const cycleId = await newCycle();
      const dry = await timed(csv, cycleId, true);
      expect(dry.report.summary).toMatchObject({ created: TOTAL, rejected: 0 });
      dryRuns.push(dry.millis);
      const commit = await timed(csv, cycleId, false);
      expect(commit.report.applied).toBe(true);
      commits.push(commit.millis);
      const again = await timed(csv, cycleId, false);
      expect(again.report.summary.unchanged).toBe(TOTAL);
      reimports.push(again.millis);
      const changed = await timed(corrected, cycleId, false);
      expect(changed.report.summary.updated).toBeGreaterThan(TOTAL * 0.8);
      updates.push(changed.millis);
      const varied = await timed(newPhones, cycleId, false);
      expect(varied.report.summary.updated).toBe(TOTAL);
      variedUpdates.push(varied.millis);
      const xlsxRun = await timed(xlsx, await newCycle(), false);
      expect(xlsxRun.report.summary.created).toBe(TOTAL);
      xlsxCommits.push(xlsxRun.millis);
    }

    // The same rows as the import wrote them, inserted straight through better-sqlite3 in one transaction.
    const rawTimes = onSqlite ? await rawInsertTimes(RUNS) : [];

    const lines = [
      `Rows: ${TOTAL} (98 municipalities), ${onSqlite ? 'SQLite (better-sqlite3, WAL, file on local disk)' : 'PostgreSQL (local server)'}, median of ${RUNS} warm runs`,
      `| what | time | rate |`,
      `|---|---|---|`,
      `| first import commit in the process (cold), CSV | ${ms(cold.millis)} | ${rate(TOTAL, cold.millis)} |`,
      `| import commit, CSV (parse + plan + insert, one transaction) | ${ms(median(commits))} | ${rate(TOTAL, median(commits))} |`,
      `| dry run, CSV | ${ms(median(dryRuns))} | ${rate(TOTAL, median(dryRuns))} |`,
      `| re-import of the same CSV (all unchanged) | ${ms(median(reimports))} | ${rate(TOTAL, median(reimports))} |`,
      `| corrected CSV updating the diet of every member (${TOTAL - Math.ceil(TOTAL / 9)} updated) | ${ms(median(updates))} | ${rate(TOTAL, median(updates))} |`,
      `| corrected CSV giving every member a phone number of its own (${TOTAL} updated) | ${ms(median(variedUpdates))} | ${rate(TOTAL, median(variedUpdates))} |`,
      `| import commit, XLSX | ${ms(median(xlsxCommits))} | ${rate(TOTAL, median(xlsxCommits))} |`,
      ...(onSqlite
        ? [
            `| raw better-sqlite3 INSERT of the same rows, one transaction | ${ms(median(rawTimes))} | ${rate(TOTAL, median(rawTimes))} |`,
          ]
        : []),
      `All runs (ms): commit ${commits.map((v) => v.toFixed(0)).join(', ')}; raw ${rawTimes.map((v) => v.toFixed(1)).join(', ')}`,
    ];
    console.log(lines.join('\n'));
  });
});
