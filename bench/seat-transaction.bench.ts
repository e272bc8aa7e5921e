import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AllocationService } from '../src/allocation/allocation.service';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { createNationalCycle } from './national-cycle';

/** With BENCH_PROFILE=<dir>, a CPU profile of `work` alone is written there as <name>.cpuprofile. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** How many statements `work` sends to the database (every query TypeORM runs passes its logger). */
async function counted<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const logger = t.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  let statements = 0;
  logger.logQuery = (...args) => {
    statements++;
    return logQuery(...args);
  };
  try {
    return { result: await work(), statements };
  } finally {
    logger.logQuery = logQuery;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const MEMBERS = 2500;
const SEMINARS = 40;
const PATCH_SEATS = 64;
const PATCH_RUNS = 15;
const HEALTH_RUNS = 200;

/**
 * Issue 19 point 4, in-process (supertest on loopback for the HTTP figures): applying an
 * allocation of 2,500 seats with their confirmations, and a PATCH of a seminar's time that writes
 * 64 change e-mails; each beside GET /health and a raw SELECT 1 measured in the same run. Then how
 * long the dispatcher takes to render and send (to .eml files) what the apply wrote.
 */
describe('The seat transaction: apply and PATCH', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function healthMs(): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < HEALTH_RUNS; i++) {
      const s = performance.now();
      await t.http().get('/health').expect(200);
      times.push(performance.now() - s);
    }
    return median(times);
  }

  async function rawMs(): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < HEALTH_RUNS; i++) {
      const s = performance.now();
      await t.dataSource.query('SELECT 1');
      times.push(performance.now() - s);
    }
    return median(times);
  }

  it('measures', async () => {
    const dispatcher = t.app.get(DispatcherService);
    const planner = await t.tokenFor('planner');
    const { cycle, plannerId } = await createNationalCycle(t, { members: MEMBERS, seminars: SEMINARS });
    await dispatcher.drain();

    // PATCH of a seminar with 64 held seats, moved by an hour back and forth.
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    const seminar = await createSeminar(t.dataSource, wave, venue, { capacity: PATCH_SEATS });
    const seats = t.app.get(SeatService);
    const members = await createMembers(t.dataSource, seminar.cycleId, PATCH_SEATS);
    for (const m of members) await seats.register(m.id, seminar.id, { kind: 'planner', staffId: plannerId });
    await dispatcher.drain();
    const patches: number[] = [];
    let patchStatements = 0;
    // The e-mails are drained once after all the PATCHes, so a profile holds the PATCHes alone.
    const patchRuns = async () => {
      for (let run = 0; run <= PATCH_RUNS; run++) {
        const startsAt = new Date(seminar.startsAt.getTime() + ((run % 2) + 1) * 3600_000);
        const endsAt = new Date(seminar.endsAt.getTime() + ((run % 2) + 1) * 3600_000);
        const before = await t.dataSource.getRepository(OutboxMessage).count();
        const s = performance.now();
        const { statements } = await counted(t, () =>
          t
            .http()
            .patch(`/api/seminars/${seminar.id}`)
            .set('Authorization', `Bearer ${planner}`)
            .send({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() })
            .expect(200),
        );
        const ms = performance.now() - s;
        const written = (await t.dataSource.getRepository(OutboxMessage).count()) - before;
        if (written !== PATCH_SEATS) throw new Error(`PATCH wrote ${written} e-mails`);
        if (run > 0) patches.push(ms);
        patchStatements = statements;
      }
    };
    await profiled('patch', patchRuns);
    await dispatcher.drain();
    const patchMs = median(patches);
    const health = await healthMs();
    const raw = await rawMs();

    // Apply of 2,500 seats, each with its confirmation.
    const service = t.app.get(AllocationService);
    const { proposal } = await service.propose(
      cycle.id,
      { maxPerMunicipality: 3, preferenceBonusKm: [50, 25, 12.5] },
      null,
      'inline',
    );
    const before = await t.dataSource.getRepository(OutboxMessage).count();
    const cpu = process.cpuUsage();
    let s = performance.now();
    const { statements: applyStatements } = await counted(t, () =>
      profiled('apply', () => service.apply(cycle.id, proposal.id, { kind: 'planner', staffId: plannerId })),
    );
    const applyMs = performance.now() - s;
    const applyCpu = process.cpuUsage(cpu);
    const written = (await t.dataSource.getRepository(OutboxMessage).count()) - before;
    if (written !== MEMBERS) throw new Error(`Apply wrote ${written} e-mails`);
    s = performance.now();
    const { result: sent, statements: drainStatements } = await counted(t, () =>
      profiled('drain', () => dispatcher.drain()),
    );
    const drainMs = performance.now() - s;

    const lines = [
      `${engine}: GET /health median ${health.toFixed(2)} ms; raw SELECT 1 median ${raw.toFixed(3)} ms`,
      `${engine}: PATCH /api/seminars/:id with ${PATCH_SEATS} seats (${PATCH_SEATS} change e-mails), median of ${PATCH_RUNS}: ` +
        `${patchMs.toFixed(1)} ms = ${(patchMs / health).toFixed(1)}× /health, ${patchStatements} statements`,
      `${engine}: apply ${MEMBERS} seats with their confirmations: ${applyMs.toFixed(0)} ms ` +
        `(CPU ${((applyCpu.user + applyCpu.system) / 1000).toFixed(0)} ms) = ${(applyMs / health).toFixed(0)}× /health, ` +
        `${applyStatements} statements`,
      `${engine}: the dispatcher then sent ${sent.sent} (to .eml files) in ${drainMs.toFixed(0)} ms, ` +
        `${drainStatements} statements`,
    ];
    console.log(lines.join('\n'));
  });
});
