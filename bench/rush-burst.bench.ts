import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths';
import { freePort } from '../test/helpers/app-process';
import { burst, DISPATCH_INTERVAL_MS, startServer, untilIdle, wrk } from './rush/drive';
import { prepareRushData } from './rush/rush-data';

/**
 * Issue 19, point 1, alone: the booking burst against a server that does nothing else, so its CPU
 * time per booking and (under `CPU_PROFILE=dir`) its profile are the booking path's. Each round
 * books 300 members into one 25-seat seminar; the burst client's page fetches come before its
 * posts, so `node bench/rush/profile-top.js file --after overview` shows the posts alone.
 */
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
describe(`The booking burst on ${engine}`, () => {
  it('measures', async () => {
    execFileSync(process.execPath, ['scripts/build-if-changed.js'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    const data = await prepareRushData();
    const server = await startServer(
      join(PROJECT_ROOT, 'dist'),
      {
        PATH: process.env.PATH,
        ...data.database.env,
        NODE_ENV: 'production',
        AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
        LOG_FORMAT: 'json',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        MAIL_DIR: join(data.database.dataDir, 'mail'),
        DISPATCH_INTERVAL_MS: String(DISPATCH_INTERVAL_MS),
      },
      await freePort(),
      process.env.CPU_PROFILE,
    );
    try {
      const healthCpuBefore = server.cpuMs();
      const health = await wrk(`${server.baseUrl}/health`);
      const healthCpuMs = (server.cpuMs() - healthCpuBefore) / health.requests;
      for (const round of data.oneSeminar) {
        const bookings = round.tokens.map((token) => ({
          baseUrl: server.baseUrl,
          token,
          seminarId: round.seminarIds[0],
        }));
        await untilIdle(server);
        const cpuBefore = server.cpuMs();
        const r = await burst(bookings, server.pid);
        const rate = (r.n / r.burstMs) * 1000;
        console.log(
          `${engine}: /health ${health.rate.toFixed(0)} req/s (${healthCpuMs.toFixed(2)} CPU ms); 300 bookings of one seminar in ` +
            `${(r.burstMs / 1000).toFixed(2)} s, p99 ${Math.round(r.p99)} ms, ${rate.toFixed(0)}/s = ` +
            `${((rate / health.rate) * 100).toFixed(1)} % of /health; the app's CPU for the round ` +
            `(page fetches and posts) ${((server.cpuMs() - cpuBefore) / r.n).toFixed(2)} ms per member, ` +
            `the posts alone ${(r.postCpuMs! / r.n).toFixed(2)} ms per booking ` +
            `(= ${((healthCpuMs / (r.postCpuMs! / r.n)) * 100).toFixed(1)} % of /health by CPU) ` +
            `${JSON.stringify(r.statuses)}`,
        );
      }
    } finally {
      await server.stop();
      await data.database.drop();
    }
  }, 900_000);
});
