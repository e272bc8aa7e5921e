import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../src/paths';
import { freePort } from '../test/helpers/app-process';
import { benchServerEnv, burst, signIn, startServer, untilIdle, wrk } from './rush/drive';
import { prepareRushData, RushData } from './rush/rush-data';

/**
 * Issue 19 point 6: what request logging costs, path by path. Two built app processes run side by
 * side, one logging requests (LOG_LEVEL=info) and one not (warn), each on its own copy of the same
 * data, and every path is measured in short rounds that alternate between them, the order swapped
 * every round, so the machine's neighbours weigh on both alike; for the bookings the two also swap
 * databases every round. Medians per server, and the per-round ratios on/off with their spread.
 * Prints a table; asserts no timings.
 */
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const ROUNDS = 7;
const SECONDS = 2;

type Server = Awaited<ReturnType<typeof startServer>>;
/** One round on one server: requests (or bookings) per second and the app's CPU ms for each. */
type Round = { rate: number; cpu: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A second database holding what the first holds: a copied SQLite file, or PostgreSQL's TEMPLATE. */
async function copyOf(data: RushData): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const { env, dataDir } = data.database;
  if (!env.DATABASE_URL) {
    const dir = join(dataDir, 'copy');
    mkdirSync(dir);
    for (const suffix of ['', '-wal']) {
      if (existsSync(env.SQLITE_PATH + suffix))
        copyFileSync(env.SQLITE_PATH + suffix, join(dir, 'test.sqlite' + suffix));
    }
    return { env: { DATA_DIR: dir, SQLITE_PATH: join(dir, 'test.sqlite') }, drop: async () => {} };
  }
  const url = new URL(env.DATABASE_URL);
  const name = `${url.pathname.slice(1)}_copy`;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${url.pathname.slice(1)}`);
  await admin.end();
  url.pathname = `/${name}`;
  const copy = url.toString();
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: copy },
    drop: async () => {
      const client = new Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

describe(`Request logging on and off on ${engine}`, () => {
  it('measures', async () => {
    execFileSync(process.execPath, ['scripts/build-if-changed.js'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    const dist = join(PROJECT_ROOT, 'dist');
    const data = await prepareRushData();
    const copy = await copyOf(data);
    for (const url of [data.database.env.DATABASE_URL, copy.env.DATABASE_URL].filter(Boolean)) {
      // Fresh databases have no statistics; without them PostgreSQL plans Deltagelse badly (rush bench).
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('ANALYZE');
      await client.end();
    }
    /**
     * The logging server and the quiet one, each on one of the two databases; `swapped` gives the
     * logging one the copy, so that a difference between the databases is not taken for logging's.
     */
    const startPair = async (swapped: boolean) => {
      const [a, b] = swapped ? [copy.env, data.database.env] : [data.database.env, copy.env];
      const pair = {
        on: await startServer(dist, benchServerEnv(a, true), await freePort()),
        off: await startServer(dist, benchServerEnv(b, false), await freePort()),
      };
      // The e-mails waiting in the outbox are sent before anything is measured.
      await Promise.all([untilIdle(pair.on), untilIdle(pair.off)]);
      return pair;
    };
    let { on, off } = await startPair(false);
    const rows: string[] = [];
    try {
      const cookies = new Map<Server, string>();
      for (const server of [on, off]) {
        cookies.set(server, await signIn(server.baseUrl, data.planner.email, data.planner.password));
      }
      /** Rounds of `one` on both servers, alternating, the one measured first swapped every round. */
      const alternate = async (
        what: string,
        one: (server: Server, round: number) => Promise<Round>,
        beforeRound?: (round: number) => Promise<void>,
      ) => {
        const [a, b]: Round[][] = [[], []];
        for (let round = 0; round < ROUNDS; round++) {
          await beforeRound?.(round);
          for (const logging of round % 2 ? [false, true] : [true, false])
            (logging ? a : b).push(await one(logging ? on : off, round));
        }
        const spread = (f: (r: Round) => number) => {
          const ratios = a.map((r, i) => f(r) / f(b[i]));
          return `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
        };
        const row = [
          what,
          median(a.map((r) => r.rate)).toFixed(0),
          median(b.map((r) => r.rate)).toFixed(0),
          spread((r) => r.rate),
          median(a.map((r) => r.cpu)).toFixed(2),
          median(b.map((r) => r.cpu)).toFixed(2),
          spread((r) => r.cpu),
        ];
        rows.push(`| ${row.join(' | ')} |`);
        console.log(rows[rows.length - 1]);
      };
      const page =
        (path: string, signedIn = false) =>
        async (server: Server) => {
          const before = server.cpuMs();
          const r = await wrk(
            `${server.baseUrl}${path}`,
            signedIn ? { cookie: cookies.get(server)! } : {},
            SECONDS,
          );
          return { rate: r.rate, cpu: (server.cpuMs() - before) / r.requests };
        };
      await alternate('`GET /health`', page('/health'));
      await alternate('personal page', page(`/p/${data.pageToken}`));
      const consolePages: Array<[string, string]> = [
        ['Overblik', '/oversigt'],
        ['Valgperioder', '/valgperioder'],
        ['Medlemmer', `/valgperioder/${data.cycleId}/medlemmer`],
        ["a member's page", `/valgperioder/${data.cycleId}/medlemmer/${data.seatedMemberId}`],
        ['Invitationer', `/valgperioder/${data.cycleId}/invitationer`],
        ['Deltagelse', `/valgperioder/${data.cycleId}/deltagelse`],
        ['Planlægning', `/valgperioder/${data.cycleId}/planlaegning`],
        ["a seminar's roster", `/seminarer/${data.fullSeminarId}/deltagere`],
      ];
      for (const [what, path] of consolePages) await alternate(what, page(path, true));
      // Each server has its own copy of the data, so both book round r's members, fresh to each.
      // The servers swap databases every round, started afresh on them.
      await alternate(
        '300 bookings, one seminar (bookings/s, CPU ms a booking)',
        async (server, round) => {
          const b = data.rounds[round];
          const bookings = b.tokens.map((token) => ({
            baseUrl: server.baseUrl,
            token,
            seminarId: b.seminarIds[0],
          }));
          const r = await burst(bookings, server.pid);
          // The burst's e-mails are written out and sent before the next round.
          await untilIdle(server);
          return { rate: (r.n / r.burstMs) * 1000, cpu: r.postCpuMs! / r.n };
        },
        async (round) => {
          await Promise.all([on.stop(), off.stop()]);
          ({ on, off } = await startPair(round % 2 === 1));
        },
      );
    } finally {
      await Promise.all([on.stop(), off.stop()]);
      await copy.drop();
      await data.database.drop();
    }
    console.log(
      [
        `${engine}, ${ROUNDS} rounds of ${SECONDS} s (wrk -t1 -c10) per path and server; medians, on/off ratios median (min–max)`,
        '| path | req/s on | req/s off | rate on/off | CPU ms on | CPU ms off | CPU on/off |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  }, 1_800_000);
});
