import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { AllocationService } from '../src/allocation/allocation.service';
import { StaffService } from '../src/auth/staff.service';
import { InviteJobs } from '../src/invitations/invite-jobs';
import { SEEDS_DIR } from '../src/paths';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { captureIssuedLinks } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { NATIONAL_LISTS } from './allocation-instance';

const towns: Record<string, string>[] = parse(readFileSync(join(SEEDS_DIR, 'demo/venues.csv'), 'utf8'), {
  columns: true,
});
const municipalities: Record<string, string>[] = parse(
  readFileSync(join(SEEDS_DIR, 'reference/municipalities.csv'), 'utf8'),
  { columns: true },
);
const codes = municipalities.map((m) => Number(m.code));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

/**
 * The personal page while the national proposal with K = 3 and P = 8 is solved in the
 * background (worker thread), against the same page when nothing is solving.
 */
describe('Personal page during a national solve', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('measures', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    for (let i = 0; i < 40; i++) {
      const town = towns[i % towns.length];
      const jitter = i < towns.length ? 0 : ((i * 7) % 10) / 100 - 0.05;
      const venue = await createVenue(t.dataSource, {
        town: town.city,
        latitude: Number(town.lat) + jitter,
        longitude: Number(town.lon) - jitter,
      });
      await createSeminar(t.dataSource, wave, venue, { capacity: 64 });
    }
    const ids: number[] = [];
    for (let k = 0; k < codes.length; k++) {
      const count = Math.floor(2500 / codes.length) + (k < 2500 % codes.length ? 1 : 0);
      let left = count;
      for (const [letter, share] of NATIONAL_LISTS) {
        const n = Math.min(left, Math.round(count * share));
        if (n > 0) {
          const made = await createMembers(t.dataSource, cycle.id, n, {
            municipalityCode: codes[k],
            listLetter: letter,
          });
          ids.push(...made.map((m) => m.id));
        }
        left -= n;
      }
      if (left > 0) {
        const local = await createMembers(t.dataSource, cycle.id, left, {
          municipalityCode: codes[k],
          listLetter: 'L',
          listName: 'Lokallisten',
        });
        ids.push(...local.map((m) => m.id));
      }
    }
    const planner = await t.app.get(StaffService).create({
      email: 'planner@bench.dk',
      name: 'Planner',
      password: 'et-rigtig-langt-kodeord',
      role: 'planner',
    });
    const jobs = t.app.get(InviteJobs);
    await jobs.finished(cycle.id, (await jobs.start(cycle.id, {}, planner.id)).id);

    const page = async (i: number) => {
      const started = performance.now();
      await t
        .http()
        .get(`/p/${tokens.get(ids[(i * 37) % ids.length])}`)
        .expect(200);
      return performance.now() - started;
    };
    const idle: number[] = [];
    for (let i = 0; i < 40; i++) idle.push(await page(i));

    const service = t.app.get(AllocationService);
    const solveStarted = performance.now();
    const { solved, proposal } = await service.propose(
      cycle.id,
      { maxPerMunicipality: 3, maxPerParty: 8 },
      planner.id,
    );
    expect(solved).toBe(false);
    const during: number[] = [];
    let status = 'solving';
    let progressSeen = 0;
    for (let i = 0; status === 'solving'; i++) {
      during.push(await page(i));
      const now = await service.get(cycle.id, proposal.id);
      status = now.status;
      if (now.progress) progressSeen++;
    }
    const solveMs = performance.now() - solveStarted;
    const done = await service.get(cycle.id, proposal.id);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'ready', error: null });
    console.log(
      JSON.stringify(
        {
          engine,
          solveSeconds: (solveMs / 1000).toFixed(1),
          placed: done.summary!.placed,
          optimality: done.summary!.optimality,
          pageIdleMs: { median: quantile(idle, 0.5).toFixed(0), p95: quantile(idle, 0.95).toFixed(0) },
          pageDuringSolveMs: {
            requests: during.length,
            median: quantile(during, 0.5).toFixed(0),
            p95: quantile(during, 0.95).toFixed(0),
            max: Math.max(...during).toFixed(0),
          },
          pollsWithProgress: progressSeen,
        },
        null,
        2,
      ),
    );
  });
});
