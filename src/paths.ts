import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The repository root, whether running from `src/` (ts-jest) or from `dist/src/` (the build). */
export const PROJECT_ROOT = findProjectRoot(__dirname);
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');
