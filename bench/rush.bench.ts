import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../src/paths';
import { freePort } from '../test/helpers/app-process';
import { benchServerEnv, burst, BurstResult, signIn, startServer, untilIdle, wrk } from './rush/drive';
import { Burst, prepareRushData } from './rush/rush-data';

/**
 * Issue 19: the rush, measured from outside. The built app runs as a process of its own (as
 * `npm start` runs it, NODE_ENV=production, JSON log lines to a discarded stdout); wrk measures
 * request rates and a node process of its own fires the bookings, so neither client shares the
 * app's event loop. Every figure is printed beside GET /health of the same run.
 * `CPU_PROFILE=dir` writes a .cpuprofile of the app process during the first burst.
 */
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`The rush on ${engine}`, () => {
  it('measures', async () => {
    execFileSync(process.execPath, ['scripts/build-if-changed.js'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    const dist = join(PROJECT_ROOT, 'dist');
    const data = await prepareRushData();
    if (engine === 'PostgreSQL') {
      // A database in use has statistics from autovacuum; one written a moment ago has none, and
      // without them PostgreSQL plans Deltagelse's counts badly (0.3–0.5 s a statement, not 2–5 ms).
      const client = new Client({ connectionString: data.database.env.DATABASE_URL });
      await client.connect();
      await client.query('ANALYZE');
      await client.end();
    }
    const env = (logging: boolean) => benchServerEnv(data.database.env, logging);
    const lines: string[] = [];
    const say = (line: string) => {
      lines.push(line);
      console.log(line);
    };
    const bookingsOf = (b: Burst, baseUrls: string[]) =>
      b.tokens.map((token, i) => ({
        baseUrl: baseUrls[i % baseUrls.length],
        token,
        seminarId: b.seminarIds[i % b.seminarIds.length],
      }));
    const describeBurst = (what: string, r: BurstResult, health: number) => {
      const rate = (r.n / r.burstMs) * 1000;
      say(
        `${what}: burst ${(r.burstMs / 1000).toFixed(2)} s, p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms, ` +
          `${rate.toFixed(0)} bookings/s = ${((rate / health) * 100).toFixed(1)} % of /health (${JSON.stringify(r.statuses)})`,
      );
    };

    type Server = Awaited<ReturnType<typeof startServer>>;
    type Figures = { rate: number; cpu: number };
    /**
     * wrk on a path, printed with its ratio to /health and the app's CPU ms per request. Beside the
     * ratio of rates, /health's CPU ms over the page's: the ratio the app would reach bound by its
     * own CPU alone, which the neighbours on a loaded machine disturb far less.
     */
    const measure = async (server: Server, what: string, path: string, health?: Figures, headers = {}) => {
      const before = server.cpuMs();
      const r = await wrk(`${server.baseUrl}${path}`, headers);
      if (r.requests === 0) {
        say(`${what}: no answer within wrk's timeout of 2 s`);
        return { rate: 0, cpu: NaN };
      }
      const cpu = (server.cpuMs() - before) / r.requests;
      const ratios = health
        ? ` = ${((r.rate / health.rate) * 100).toFixed(1)} % of /health (by CPU time ${((health.cpu / cpu) * 100).toFixed(1)} %)`
        : '';
      say(`${what} ${r.rate.toFixed(0)} req/s${ratios}, ${cpu.toFixed(2)} CPU ms/request`);
      return { rate: r.rate, cpu };
    };
    const consolePaths = [
      '/oversigt',
      '/valgperioder',
      `/valgperioder/${data.cycleId}/medlemmer`,
      `/valgperioder/${data.cycleId}/medlemmer/${data.seatedMemberId}`,
      `/valgperioder/${data.cycleId}/invitationer`,
      `/valgperioder/${data.cycleId}/deltagelse`,
      `/valgperioder/${data.cycleId}/planlaegning`,
      `/seminarer/${data.fullSeminarId}/deltagere`,
    ];
    /** Rate and CPU time per path, with request logging on and off, for the cost of logging. */
    const rates = new Map<string, { on?: Figures; off?: Figures }>();
    const record = (path: string, logging: boolean, figures: Figures) =>
      rates.set(path, { ...rates.get(path), [logging ? 'on' : 'off']: figures });

    for (const logging of [true, false]) {
      const server = await startServer(
        dist,
        env(logging),
        await freePort(),
        logging ? process.env.CPU_PROFILE : undefined,
      );
      try {
        // Whatever the outbox holds (the invitations, a burst's e-mails the server before left) is
        // sent before anything is measured.
        await untilIdle(server);
        const mode = logging ? 'request logging on' : 'request logging off';
        const health = await measure(server, `${engine}, ${mode}: GET /health`, '/health');
        record('/health', logging, health);
        const page = `/p/${data.pageToken}`;
        record(
          '/p/:token',
          logging,
          await measure(server, `${engine}, ${mode}: personal page`, page, health),
        );
        describeBurst(
          `${engine}, ${mode}: 300 bookings of one 25-seat seminar`,
          await burst(bookingsOf(data.oneSeminar[logging ? 0 : 1], [server.baseUrl])),
          health.rate,
        );
        // The pages after it are measured once the burst's 300 e-mails are written out and sent.
        await untilIdle(server);
        const cookie = await signIn(server.baseUrl, data.planner.email, data.planner.password);
        for (const path of consolePaths) {
          record(
            path,
            logging,
            await measure(server, `${engine}, ${mode}: console ${path}`, path, health, { cookie }),
          );
        }
        if (logging) {
          describeBurst(
            `${engine}, one instance: 300 bookings over ten seminars`,
            await burst(bookingsOf(data.tenSeminars[0], [server.baseUrl])),
            health.rate,
          );
        }
      } finally {
        await server.stop();
      }
    }
    if (process.env.CPU_PROFILE) {
      // A profile per page, of a server that serves nothing else (bench/rush/profile-top.js reads them).
      for (const path of [`/p/${data.pageToken}`, ...consolePaths]) {
        const dir = join(process.env.CPU_PROFILE, path.replace(/\//g, '_').replace(data.pageToken, 'token'));
        const server = await startServer(dist, env(true), await freePort(), dir);
        try {
          const cookie = await signIn(server.baseUrl, data.planner.email, data.planner.password);
          await measure(server, `${engine}, profiled: ${path}`, path, rates.get('/health')!.on!, {
            cookie,
          });
        } finally {
          await server.stop();
        }
      }
    }
    for (const [path, { on, off }] of rates) {
      // On a loaded machine the rates swing with the neighbours; CPU time per request is steadier.
      say(
        `${engine}: request logging costs ${((1 - off!.cpu / on!.cpu) * 100).toFixed(1)} % of ${path}'s ` +
          `throughput by CPU time (${off!.cpu.toFixed(2)} → ${on!.cpu.toFixed(2)} ms), ` +
          `${((1 - on!.rate / off!.rate) * 100).toFixed(1)} % by rate`,
      );
    }
    if (engine === 'PostgreSQL') {
      const a = await startServer(dist, env(true), await freePort());
      const b = await startServer(dist, env(true), await freePort());
      try {
        const health = (await wrk(`${a.baseUrl}/health`)).rate;
        describeBurst(
          `${engine}, two instances: 300 bookings over ten seminars`,
          await burst(bookingsOf(data.tenSeminars[1], [a.baseUrl, b.baseUrl])),
          health,
        );
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    }
    await data.database.drop();
    // Bursts of 50 s and more on a loaded machine: room beyond the benches' ten minutes.
  }, 1_800_000);
});
