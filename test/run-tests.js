#!/usr/bin/env node
/*
 * The test command: unit, e2e and browser tests on SQLite, then the e2e tests again on PostgreSQL
 * when DATABASE_URL is set. Each e2e file makes its database on the engine DATABASE_URL names
 * (test/helpers/test-database.ts), so one Jest run per engine, each with its own summary.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { availableParallelism, tmpdir } = require('node:os');
const { join } = require('node:path');

const extraArgs = process.argv.slice(2);
// Jest's default (one worker less than the cores) is a single worker on a 2-core machine, which
// then waits idle on every test that waits for a process, a socket or a browser.
const workers = `--maxWorkers=${Math.max(2, availableParallelism() - 1)}`;
const jest = require.resolve('jest/bin/jest');
const runs = [{ label: 'SQLite', env: { DATABASE_URL: '' }, args: [] }];
if (process.env.DATABASE_URL) {
  runs.push({
    label: 'PostgreSQL',
    env: { DATABASE_URL: process.env.DATABASE_URL },
    // The browser tests walk page flows; the pages' queries run on PostgreSQL in the e2e tests
    // of the console, so the second engine skips the browser and keeps CI within its time.
    args: ['--selectProjects', 'e2e', '--testPathIgnorePatterns', '/test/browser/'],
  });
}

let passed = 0;
let failed = 0;
let status = 0;
for (const run of runs) {
  console.log(`\n=== Tests on ${run.label} ===`);
  const report = join(mkdtempSync(join(tmpdir(), 'kattegat-jest-')), 'report.json');
  const result = spawnSync(
    process.execPath,
    [jest, ...run.args, workers, '--json', `--outputFile=${report}`, ...extraArgs],
    {
      stdio: 'inherit',
      env: { ...process.env, ...run.env },
    },
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (summary.numTotalTests === 0) status = 1;
  } catch {
    failed += 1;
  }
  if (result.status !== 0) status = result.status ?? 1;
}
console.log(`\nAll engines: ${passed} passed, ${failed} failed`);
process.exit(status);
