import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Cycle } from '../src/cycles/cycle.entity';
import { Member } from '../src/cycles/member.entity';
import { searchTextOf } from '../src/cycles/member-rules';
import { Invitation } from '../src/invitations/invitation.entity';
import { Municipality } from '../src/reference/municipality.entity';
import { signedIn } from '../test/helpers/console';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { insertAll } from './bulk-insert';

const MEMBERS = 2500;
const RUNS = 15;
const FIRST = ['Søren', 'Åse', 'Mette', 'Jens', 'Ærbødig', 'Øjvind', 'Karen', 'Bent', 'Signe', 'Niels'];
const LAST = ['Østergård', 'Ågård', 'Hansen', 'Nielsen', 'Jensen', 'Æbelø', 'Pedersen', 'Kristensen'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The member list page with 2,500 members in the cycle, timed beside GET /health in the same run. */
describe('Console member list', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('measures', async () => {
    const ds = t.dataSource;
    const codes = (await ds.getRepository(Municipality).find()).map((m) => m.code);
    const cycle = await ds.getRepository(Cycle).save({
      code: 'KV25',
      name: 'Kommunalvalget 2025',
      electionDate: '2025-11-18',
      termStart: '2026-01-01',
      status: 'active',
    });
    const members = Array.from({ length: MEMBERS }, (_, i) => {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`;
      const email = `medlem${i}@kommune${codes[i % codes.length]}.dk`;
      return {
        cycleId: cycle.id,
        name,
        email,
        municipalityCode: codes[i % codes.length],
        listLetter: 'A',
        listName: 'Socialdemokratiet',
        newlyElected: i % 2 === 0,
        role: 'member',
        searchText: searchTextOf(name, email),
      };
    });
    await insertAll(ds, Member, members);
    const ids = (await ds.getRepository(Member).find({ select: { id: true } })).map((m) => m.id);
    await insertAll(
      ds,
      Invitation,
      ids
        .filter((_, i) => i % 3 !== 0)
        .map((memberId) => ({
          cycleId: cycle.id,
          memberId,
          tokenHash: randomBytes(32).toString('hex'),
          purpose: 'invitation',
          expiresAt: new Date(Date.now() + 30 * 86_400_000),
        })),
    );
    if (engine === 'PostgreSQL') await ds.query('ANALYZE');

    const planner = await signedIn(t, 'planner');
    const health = request(t.app.getHttpServer());
    const list = `/valgperioder/${cycle.id}/medlemmer`;
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['GET /health', () => health.get('/health').expect(200)],
      [`GET ${list} (page 1 of 50)`, () => planner.get(list).expect(200)],
      [`GET ${list}?side=25`, () => planner.get(list).query({ side: 25 }).expect(200)],
      [`GET ${list}?q=øster (as typed)`, () => planner.get(list).query({ q: 'øster' }).expect(200)],
      [
        `GET ${list}?status=not_answered`,
        () => planner.get(list).query({ status: 'not_answered' }).expect(200),
      ],
      [`GET ${list}?sortering=kommune`, () => planner.get(list).query({ sortering: 'kommune' }).expect(200)],
      [`GET ${list}/eksport (CSV, all 2,500)`, () => planner.get(`${list}/eksport`).expect(200)],
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
      `${engine}: ${MEMBERS} members`,
    ];
    for (const [name, xs] of times)
      lines.push(
        `${engine}: ${name}: median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)})`,
      );
    console.log(lines.join('\n'));
  });
});
