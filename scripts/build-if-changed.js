#!/usr/bin/env node
/*
 * `npm start`, `npm run cli` and `npm run demo` build first only when a source changed since the
 * last build: a rebuild takes tens of seconds, a start on a built checkout should take two or three.
 * Compares the newest modification time of the compiled sources with dist/.built, which a
 * successful build leaves behind. `--always` builds regardless (`npm run build`), and stamps too,
 * so the start after it does not build again.
 */
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const SOURCES = [
  'src',
  'migrations',
  'bench',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
];
const STAMP = join('dist', '.built');

function newest(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

/** Whether the checkout at `root` has no build, or a source newer than its build. */
function needsBuild(root) {
  const built = statSync(join(root, STAMP), { throwIfNoEntry: false });
  return !built || Math.max(...SOURCES.map((s) => newest(join(root, s)))) > built.mtimeMs;
}

function buildIfChanged(root, always) {
  if (!always && !needsBuild(root)) return;
  const startedAt = new Date();
  const build = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Stamped with the time the build began: a source saved while it ran makes the next start build.
  writeFileSync(join(root, STAMP), startedAt.toISOString());
  utimesSync(join(root, STAMP), startedAt, startedAt);
}

if (require.main === module) buildIfChanged(join(__dirname, '..'), process.argv.includes('--always'));

module.exports = { needsBuild };
