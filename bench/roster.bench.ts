import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { IsNull, Not } from 'typeorm';
import { Cycle } from '../src/cycles/cycle.entity';
import { Member } from '../src/cycles/member.entity';
import { DemoLoader } from '../src/demo/demo-loader';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { SeatService } from '../src/registrations/seat.service';
import { signedIn } from '../test/helpers/console';
import { startTestApp, TestApp } from '../test/helpers/test-app';

const SEATS = 64;
const RUNS = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The roster of a full 64-seat seminar and the participation board of the national demo (KV25: about
 * 2,400 members, its seminars and waves), timed beside GET /health in the same run.
 */
describe('Roster and board pages', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('measures', async () => {
    await new DemoLoader(t.app, () => undefined).load();
    const ds = t.dataSource;
    const cycle = await ds.getRepository(Cycle).findOneByOrFail({ code: 'KV25' });
    const seminars = await ds
      .getRepository(Seminar)
      .find({ where: { cycleId: cycle.id, status: 'published' } });
    const seminar = seminars[0];
    await ds.getRepository(Seminar).update({ id: seminar.id }, { capacity: SEATS });
    const seated = new Set(
      (
        await ds
          .getRepository(Registration)
          .find({ where: { cycleId: cycle.id }, select: { memberId: true } })
      ).map((r) => r.memberId),
    );
    const free = (
      await ds
        .getRepository(Member)
        .find({ where: { cycleId: cycle.id, email: Not(IsNull()) }, select: { id: true } })
    ).filter((m) => !seated.has(m.id));
    const seats = t.app.get(SeatService);
    let taken = (await ds.getRepository(Seminar).findOneByOrFail({ id: seminar.id })).taken;
    for (const m of free) {
      if (taken >= SEATS) break;
      await seats.register(m.id, seminar.id, { kind: 'system' });
      taken++;
    }
    const members = await ds.getRepository(Member).countBy({ cycleId: cycle.id });
    if (engine === 'PostgreSQL') await ds.query('ANALYZE');

    const planner = await signedIn(t, 'planner');
    const health = request(t.app.getHttpServer());
    const roster = `/seminarer/${seminar.id}/deltagere`;
    const board = `/valgperioder/${cycle.id}/deltagelse`;
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['GET /health', () => health.get('/health').expect(200)],
      [`roster, ${taken} seats`, () => planner.get(roster).expect(200)],
      ['roster CSV', () => planner.get(`${roster}/eksport`).expect(200)],
      ['roster to print', () => planner.get(`${roster}/udskriv`).expect(200)],
      ['board, whole cycle', () => planner.get(board).expect(200)],
      ['board, one wave', () => planner.get(board).query({ boelge: seminar.waveId }).expect(200)],
    ];
    const times = new Map(cases.map(([name]) => [name, [] as number[]]));
    for (const [, run] of cases) await run();
    // Interleaved, so a burst of load from elsewhere hits every case alike.
    for (let i = 0; i < RUNS; i++)
      for (const [name, run] of cases) {
        const start = performance.now();
        await run();
        times.get(name)!.push(performance.now() - start);
      }
    const lines = [
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `${engine}: ${members} members, ${seminars.length} published seminars in KV25`,
    ];
    for (const [name, xs] of times)
      lines.push(
        `${engine}: ${name}: median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)})`,
      );
    console.log(lines.join('\n'));
  });
});
