import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** The app built from the current sources into a folder of its own, so a stale dist cannot mislead. */
export function buildApp(): { dir: string; remove(): void } {
  const dir = join(PROJECT_ROOT, 'dist', `process-test-${randomBytes(4).toString('hex')}`);
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dir],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built CLI (`node <dir>/src/cli/main.js …`) to its end: its exit code and everything it printed. */
export function runCli(
  dir: string,
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dir, 'src', 'cli', 'main.js'), ...args], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  baseUrl: string;
  output(): string;
  /** SIGTERM, and waits for the process to end: the exit code, or the signal that ended it. */
  stop(): Promise<number | NodeJS.Signals | null>;
  /** SIGKILL, as a crash or the OOM killer would, and waits for the process to end. */
  kill(): Promise<number | NodeJS.Signals | null>;
}

/** Starts `node <dir>/src/main.js` as a server would run, and waits until /health answers. */
export async function startAppProcess(
  dir: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<AppProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(dir, 'src', 'main.js')], {
    cwd: PROJECT_ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Nest closes the app on SIGTERM and then ends itself with the same signal.
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app ended at start:\n${output}`);
    const up = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`The app did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
