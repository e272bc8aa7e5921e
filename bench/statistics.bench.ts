import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { Cycle } from '../src/cycles/cycle.entity';
import { Member } from '../src/cycles/member.entity';
import { EvaluationQuestionnaire } from '../src/evaluations/evaluation-questionnaire.entity';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { EvaluationResponse } from '../src/evaluations/evaluation-response.entity';
import { DEFAULT_QUESTIONS } from '../src/evaluations/questionnaire';
import { Invitation } from '../src/invitations/invitation.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Venue } from '../src/planning/venue.entity';
import { Wave } from '../src/planning/wave.entity';
import { Municipality } from '../src/reference/municipality.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { Registration } from '../src/registrations/registration.entity';
import { SeatState } from '../src/registrations/seat-state';
import { StatisticsService } from '../src/statistics/statistics.service';
import { csrfOf } from '../test/helpers/portal';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { insertAll } from './bulk-insert';

const CYCLES = 10;
const MEMBERS = 2500;
const SEMINARS = 30;
const CAPACITY = 45;
const RUNS = 9;
const DAY = 24 * 3600 * 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** One cycle: members in all 98 municipalities, half newly elected; seats, invitations and events. */
async function generateCycle(
  dataSource: DataSource,
  n: number,
  venueId: number,
  codes: number[],
): Promise<number> {
  const next = random(n + 1);
  const year = 1989 + 4 * n;
  const cycle = await dataSource.getRepository(Cycle).save({
    code: `KV${String(year).slice(2)}`,
    name: `Kommunalvalg ${year}`,
    electionDate: `${year}-11-18`,
    termStart: `${year + 1}-01-01`,
    status: 'active',
  });
  const opens = new Date(`${year}-12-01T08:00:00Z`).getTime();
  const waves = await dataSource.getRepository(Wave).save(
    [0, 1, 2].map((w) => ({
      cycleId: cycle.id,
      name: `Periode ${w + 1}`,
      registrationOpensAt: new Date(opens + w * 20 * DAY),
      registrationClosesAt: new Date(opens + (w + 1) * 20 * DAY),
    })),
  );
  await insertAll(
    dataSource,
    Seminar,
    Array.from({ length: SEMINARS }, (_, i) => ({
      cycleId: cycle.id,
      waveId: waves[i % 3].id,
      venueId,
      title: `Seminar ${i + 1}`,
      startsAt: new Date(opens + (40 + i) * DAY),
      endsAt: new Date(opens + (42 + i) * DAY),
      capacity: CAPACITY,
      taken: 0,
      waitlistCounter: 0,
      registrationDeadline: new Date(opens + (30 + i) * DAY),
      status: 'completed',
    })),
  );
  const seminars = await dataSource
    .getRepository(Seminar)
    .find({ where: { cycleId: cycle.id }, order: { id: 'ASC' } });
  const letters = ['A', 'V', 'C', 'F', 'O', 'Ø', 'B', 'I', 'Æ', 'L', 'Q'];
  await insertAll(
    dataSource,
    Member,
    Array.from({ length: MEMBERS }, (_, i) => ({
      cycleId: cycle.id,
      name: `Medlem ${i}`,
      email: `m${i}@c${n}.test`,
      municipalityCode: codes[i % codes.length],
      listLetter: letters[Math.floor(next() * letters.length)],
      listName: 'Liste',
      newlyElected: next() < 0.5,
      role: 'member',
      erasedAt: i % 50 === 0 ? new Date() : null,
    })),
  );
  const members = await dataSource
    .getRepository(Member)
    .find({ where: { cycleId: cycle.id }, select: { id: true, newlyElected: true }, order: { id: 'ASC' } });

  const invitations: object[] = [];
  const seats: object[] = [];
  const events: object[] = [];
  const attended: Array<{ memberId: number; seminarId: number }> = [];
  const taken = new Map<number, number>();
  const event = (memberId: number, kind: RegistrationEvent['kind'], at: number) =>
    events.push({ kind, cycleId: cycle.id, memberId, actor: 'member', createdAt: new Date(at) });
  for (const m of members.filter((x) => x.newlyElected)) {
    const invitedAt = opens + next() * 5 * DAY;
    invitations.push({
      cycleId: cycle.id,
      memberId: m.id,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: new Date(invitedAt + 90 * DAY),
      createdAt: new Date(invitedAt),
    });
    event(m.id, 'invitation_issued', invitedAt);
    if (next() < 0.2) continue;
    const seminar = seminars[Math.floor(next() * seminars.length)];
    const at = invitedAt + next() * 50 * DAY;
    if (next() < 0.1) {
      seats.push({
        cycleId: cycle.id,
        memberId: m.id,
        seminarId: seminar.id,
        state: 'cancelled' as SeatState,
      });
      event(m.id, 'registered', at);
      event(m.id, 'cancelled', at + DAY);
      continue;
    }
    const held = taken.get(seminar.id) ?? 0;
    if (held >= CAPACITY) {
      seats.push({
        cycleId: cycle.id,
        memberId: m.id,
        seminarId: seminar.id,
        state: 'waitlisted' as SeatState,
      });
      event(m.id, 'waitlisted', at);
      continue;
    }
    taken.set(seminar.id, held + 1);
    const r = next();
    const state: SeatState = r < 0.85 ? 'attended' : r < 0.95 ? 'no_show' : 'registered';
    seats.push({ cycleId: cycle.id, memberId: m.id, seminarId: seminar.id, state });
    event(m.id, 'registered', at);
    if (state === 'attended') attended.push({ memberId: m.id, seminarId: seminar.id });
  }
  await insertEvaluations(dataSource, cycle.id, new Date(opens + 80 * DAY), attended, next);
  await insertAll(dataSource, Invitation, invitations);
  await insertAll(dataSource, Registration, seats);
  await insertAll(dataSource, RegistrationEvent, events);
  return cycle.id;
}

/** Requests for every attended seat; about 60 % answered, with scores spread over the scales. */
async function insertEvaluations(
  dataSource: DataSource,
  cycleId: number,
  at: Date,
  attended: Array<{ memberId: number; seminarId: number }>,
  next: () => number,
) {
  const version = await dataSource.getRepository(EvaluationQuestionnaire).save({
    cycleId,
    version: 1,
    questions: DEFAULT_QUESTIONS,
    reminderAfterDays: 7,
    closesAfterDays: 21,
    hasAnswers: true,
    createdAt: at,
    updatedAt: at,
  });
  const score = () => 1 + Math.floor(next() * 5);
  const requests: object[] = [];
  const responses: object[] = [];
  for (const { memberId, seminarId } of attended) {
    const answered = next() < 0.6;
    requests.push({
      memberId,
      seminarId,
      tokenHash: randomBytes(32).toString('hex'),
      createdAt: at,
      closesAt: new Date(at.getTime() + 21 * DAY),
      answered,
    });
    if (!answered) continue;
    responses.push({
      id: randomUUID(),
      seminarId,
      questionnaireVersionId: version.id,
      answeredOn: at.toISOString().slice(0, 10),
      answers: {
        overall: score(),
        relevance: score(),
        speakers: score(),
        network: score(),
        recommend: Math.floor(next() * 11),
        ...(next() < 0.3 ? { best: 'Mødet med de andre kommuner' } : {}),
      },
    });
  }
  await insertAll(dataSource, EvaluationRequest, requests);
  await insertAll(dataSource, EvaluationResponse, responses);
}

describe('Statistics', () => {
  let t: TestApp;
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('measures', async () => {
    const ds = t.dataSource;
    const venue = await ds.getRepository(Venue).save({
      name: 'Hotel',
      address: 'Vej 1',
      postalCode: '6000',
      town: 'Kolding',
      latitude: 55.5,
      longitude: 9.5,
    });
    const codes = (await ds.getRepository(Municipality).find()).map((m) => m.code);
    let start = performance.now();
    const cycleIds: number[] = [];
    for (let n = 0; n < CYCLES; n++)
      cycleIds.push(await ds.transaction(() => generateCycle(ds, n, venue.id, codes)));
    const insertMs = performance.now() - start;
    const counts = await Promise.all(
      ['members', 'invitations', 'registrations', 'registration_events', 'evaluation_responses'].map(
        async (table) => `${table} ${(await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n}`,
      ),
    );

    // A fresh PostgreSQL database has no statistics until autovacuum's first pass; give it them now.
    if (engine === 'PostgreSQL') await ds.query('ANALYZE');
    const service = t.app.get(StatisticsService);
    const newest = cycleIds[cycleIds.length - 1];
    const endpoints: Array<[string, () => Promise<unknown>]> = [
      ['summary', () => service.summary(newest)],
      ['municipalities', () => service.municipalities(newest)],
      ['regions', () => service.regions(newest)],
      ['parties', () => service.parties(newest)],
      ['seminars', () => service.seminars(newest)],
      ['waves', () => service.waves(newest)],
      ['timeline', () => service.timeline(newest)],
      ['compare (2 cycles)', () => service.compare(['KV21', 'KV25'])],
      ['compare (10 cycles)', () => service.compare(cycleIds.map(String))],
    ];
    const lines = [
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `${engine}: ${CYCLES} cycles generated and inserted in ${Math.round(insertMs)} ms (${counts.join(', ')})`,
    ];
    for (const [name, run] of endpoints) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      lines.push(
        `${engine}: ${name}: median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)})`,
      );
    }
    // The statistics pages through HTTP, logged in by the form.
    const email = 'analytiker@kl.test';
    await t.app
      .get(StaffService)
      .create({ email, name: 'KL', password: 'et-rigtig-langt-kodeord', role: 'kl' });
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/log-ind').expect(200);
    await browser
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email, password: 'et-rigtig-langt-kodeord' })
      .expect(303);
    // Each statistics page through HTTP, beside GET /health in the same run (the app's own limit).
    const pages = [
      '/health',
      `/statistik?cycle=${newest}`,
      `/statistik/kommuner?cycle=${newest}`,
      `/statistik/kommuner?cycle=${newest}&q=syd&sortering=kommune&retning=op`,
      `/statistik/partier?cycle=${newest}`,
      `/statistik/seminarer?cycle=${newest}`,
      `/statistik/over-tid?cycle=${newest}`,
      `/statistik/sammenlign?a=KV21&b=KV25`,
      `/statistik/evaluering?cycle=${newest}`,
      `/statistik/kommuner?cycle=${newest}&format=csv&tabel=kommuner`,
    ];
    const healthMs: number[] = [];
    for (const path of pages) {
      const pageMs: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        start = performance.now();
        await browser.get(path).expect(200);
        if (i > 0) pageMs.push(performance.now() - start);
      }
      if (path === '/health') healthMs.push(...pageMs);
      const ratio = median(pageMs) / median(healthMs);
      lines.push(
        `${engine}: GET ${path} (HTTP): median ${median(pageMs).toFixed(1)} ms (min ${Math.min(...pageMs).toFixed(1)}), ${ratio.toFixed(0)}× /health`,
      );
    }

    if (engine === 'SQLite') {
      // The plan of every statement the statistics run, caught on their way to the driver.
      const statements: Array<[string, unknown[]]> = [];
      const query = ds.query.bind(ds);
      const spy = jest.spyOn(ds, 'query').mockImplementation(async (sql: string, params?: unknown) => {
        statements.push([sql, (params as unknown[]) ?? []]);
        return query(sql, params as unknown[]);
      });
      await service.summary(newest);
      await service.timeline(newest);
      spy.mockRestore();
      for (const [sql, params] of statements) {
        const plan = await ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
        lines.push(`plan of ${sql.replace(/\s+/g, ' ').slice(0, 60)}…:`);
        for (const step of plan as Array<{ detail: string }>) lines.push(`    ${step.detail}`);
      }
    }
    console.log(lines.join('\n'));
  });
});
