'use strict';
const { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { needsBuild } = require('./build-if-changed');

describe('needsBuild', () => {
  let root;
  const at = (path, seconds) => utimesSync(join(root, path), seconds, seconds);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kattegat-build-'));
    mkdirSync(join(root, 'src/planning'), { recursive: true });
    writeFileSync(join(root, 'src/planning/seminar.ts'), 'export {};');
    at('src/planning/seminar.ts', 1000);
    at('src/planning', 1000);
    at('src', 1000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const built = (seconds) => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist/.built'), '');
    at('dist/.built', seconds);
  };

  it('builds a checkout that was never built', () => {
    expect(needsBuild(root)).toBe(true);
  });

  it('does not build again when nothing changed since the build', () => {
    built(2000);
    expect(needsBuild(root)).toBe(false);
  });

  it('builds when a source file deep in src/ is newer than the build', () => {
    built(2000);
    at('src/planning/seminar.ts', 3000);
    expect(needsBuild(root)).toBe(true);
  });

  it('builds when a file was added or removed (its folder changed)', () => {
    built(2000);
    at('src/planning', 3000);
    expect(needsBuild(root)).toBe(true);
  });

  it('builds when the lockfile changed (new dependencies)', () => {
    built(2000);
    writeFileSync(join(root, 'package-lock.json'), '{}');
    at('package-lock.json', 3000);
    expect(needsBuild(root)).toBe(true);
  });
});
