import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';

/** The dispatcher's interval the benches give the app (DISPATCH_INTERVAL_MS). */
export const DISPATCH_INTERVAL_MS = 5000;

/**
 * The environment of a built app the benches start: production, JSON log lines, request logging on
 * (info) or off (warn), on `database` (a test database's env, DATA_DIR included).
 */
export function benchServerEnv(database: Record<string, string>, logging: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...database,
    NODE_ENV: 'production',
    REQUIRE_2FA: 'false',
    MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_FORMAT: 'json',
    LOG_LEVEL: logging ? 'info' : 'warn',
    MAIL_DIR: join(database.DATA_DIR, 'mail'),
    DISPATCH_INTERVAL_MS: String(DISPATCH_INTERVAL_MS),
  };
}

/**
 * Waits out the dispatcher's next drain and then until the app has been idle for a second, so
 * what is measured next does not share the CPU with writing out the e-mails of a burst before it.
 */
export async function untilIdle(server: { cpuMs: () => number; idleCpuMsPerSecond: number }): Promise<void> {
  await new Promise((r) => setTimeout(r, DISPATCH_INTERVAL_MS + 500));
  for (let before = server.cpuMs(); ;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = server.cpuMs();
    if (now - before < server.idleCpuMsPerSecond) return;
    before = now;
  }
}

/** The built app as a server runs it, its log lines going where a server's would (here: nowhere). */
export async function startServer(dir: string, env: NodeJS.ProcessEnv, port: number, cpuProfile?: string) {
  const args = [
    ...(cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfile}`] : []),
    join(dir, 'src', 'main.js'),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (
    !(await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > until) throw new Error('The app did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    /** CPU time (user + system) the app process has used so far, in ms, from /proc. */
    pid: child.pid!,
    cpuMs: () => cpuMsOf(child.pid!),
    // The profiler's sampling costs an idle app about 50 ms a second.
    idleCpuMsPerSecond: cpuProfile ? 100 : 30,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const TICKS_PER_MS = 100 / 1000; // USER_HZ (getconf CLK_TCK) is 100 on Linux

function cpuMsOf(pid: number): number {
  // The fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
}

export interface WrkResult {
  rate: number;
  requests: number;
}

/** What wrk (one thread, ten connections) gets from a URL in `seconds`: requests per second and in all. */
export async function wrk(
  url: string,
  headers: Record<string, string> = {},
  seconds = 5,
): Promise<WrkResult> {
  const args = [
    '-t1',
    '-c10',
    `-d${seconds}s`,
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ];
  const { stdout } = await promisify(execFile)('wrk', args);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const requests = /(\d+) requests in/.exec(stdout);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (!rate || !requests || non2xx) throw new Error(`wrk on ${url}: ${stdout}`);
  return { rate: Number(rate[1]), requests: Number(requests[1]) };
}

export interface BurstResult {
  n: number;
  burstMs: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** The app's CPU ms for the posts alone, when `burst` was given its pid. */
  postCpuMs?: number;
}

/** All bookings at once from the burst client, a node process of its own. */
export function burst(
  bookings: Array<{ baseUrl: string; token: string; seminarId: number }>,
  serverPid?: number,
): Promise<BurstResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'burst-client.js')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as BurstResult) : reject(new Error(`burst client ${code}`)),
    );
    child.stdin.end(JSON.stringify({ bookings, serverPid }));
  });
}

/** Signs in through the console's form and returns the session cookie header for wrk. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${baseUrl}/log-ind`);
  const jar = cookiesOf(form);
  const html = await form.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1];
  const res = await fetch(`${baseUrl}/log-ind`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ nonce: field('nonce'), mac: field('mac'), email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return [jar, cookiesOf(res)].filter(Boolean).join('; ');
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
