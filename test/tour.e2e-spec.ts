import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths';
import { AppProcess, buildApp, freePort, startAppProcess } from './helpers/app-process';
import { csrfOf } from './helpers/portal';
import { SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestDatabase, TestDatabase } from './helpers/test-database';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const ADMIN = { email: 'admin@kl.dk', password: 'et-langt-kodeord' };
const EXAMPLE_FILE = join(PROJECT_ROOT, 'seeds', 'demo', 'aeroe-kommune.csv');

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read field by field
  body: any;
  text: string;
  headers: Headers;
}

/**
 * The README's tour, run against the built app started as a process (not the Nest testing
 * module) with a real SMTP server receiving its mail: then stopped, started again, and checked.
 */
describe('The README tour against the started application', () => {
  let build: { dir: string; remove(): void };
  let database: TestDatabase;
  let sink: SmtpSink;
  let app: AppProcess;
  let env: NodeJS.ProcessEnv;
  let port: number;
  /** While true the SMTP server answers 421 (an outage): messages stay unsent and are retried. */
  let smtpDown = false;
  let token = '';
  const ids = { cycle: 0, venue: 0, wave: 0, seminar: 0, held: 0, mayor: 0, heldSeat: 0 };

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const isForm = body instanceof FormData || body instanceof URLSearchParams;
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: a page, a calendar file
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  };

  /** The first link of this kind in the mail that has arrived, or null after `waitMs`. */
  const linkFromMail = async (pattern: RegExp, waitMs: number): Promise<string | null> => {
    const until = Date.now() + waitMs;
    for (;;) {
      for (const mail of sink.received) {
        const parsed = await sink.parse(mail);
        const found = pattern.exec(
          `${parsed.text ?? ''} ${typeof parsed.html === 'string' ? parsed.html : ''}`,
        );
        if (found) return found[0];
      }
      if (Date.now() > until) return null;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    build = buildApp();
    database = await createTestDatabase();
    sink = await startSmtpSink({ refuse: () => (smtpDown ? 421 : undefined) });
    port = await freePort();
    env = {
      ...process.env,
      ...database.env,
      NODE_ENV: 'production',
      // The tour is the demo's, where the second factor is off (test/second-factor.e2e-spec.ts has it on).
      REQUIRE_2FA: 'false',
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_SECRET: 'a-shared-secret-of-at-least-32-characters',
      DISPATCH_INTERVAL_MS: '100',
      MAIL_RETRY_BASE_MS: '200',
      EVALUATION_SWEEP_MINUTES: '0',
    };
    app = await startAppProcess(build.dir, env, port);
  });

  afterAll(async () => {
    await app?.stop();
    await sink?.close();
    await database?.drop();
    build?.remove();
  });

  it('1. the planner logs in, creates a cycle, imports a municipality’s file, plans seminars and invites', async () => {
    const login = await call('POST', '/api/auth/login', ADMIN);
    expect(login.status).toBe(200);
    token = login.body.accessToken;

    const cycle = await call('POST', '/api/cycles', {
      code: 'TUR25',
      name: 'Rundtur – øvelse',
      electionDate: '2025-11-18',
      termStart: '2026-01-01',
    });
    expect(cycle.status).toBe(201);
    ids.cycle = cycle.body.id;

    const form = new FormData();
    form.append('file', new Blob([readFileSync(EXAMPLE_FILE)]), 'aeroe-kommune.csv');
    const imported = await call('POST', `/api/cycles/${ids.cycle}/members/import?dryRun=false`, form);
    expect(imported.status).toBe(200);
    expect(imported.body.summary).toMatchObject({ rows: 15, created: 15, rejected: 0 });
    const members = await call('GET', `/api/cycles/${ids.cycle}/members?pageSize=100`);
    expect(members.body.items.map((m: { name: string }) => m.name)).toContain('Åse Bøgh');
    ids.mayor = members.body.items.find((m: { role: string }) => m.role === 'mayor').id;

    const venue = await call('POST', '/api/venues', {
      name: 'Ærø Hotel',
      address: 'Vestergade 1',
      postalCode: '5970',
      town: 'Ærøskøbing',
      latitude: 54.888,
      longitude: 10.409,
    });
    expect(venue.status).toBe(201);
    ids.venue = venue.body.id;

    const now = Date.now();
    const wave = await call('POST', `/api/cycles/${ids.cycle}/waves`, {
      name: 'Bølge 1',
      registrationOpensAt: iso(now - DAY),
      registrationClosesAt: iso(now + 90 * DAY),
    });
    expect(wave.status).toBe(201);
    ids.wave = wave.body.id;

    const seminar = await call('POST', '/api/seminars', {
      waveId: ids.wave,
      venueId: ids.venue,
      title: 'Kattegat-seminar, Ærøskøbing',
      startsAt: iso(now + 100 * DAY),
      endsAt: iso(now + 102 * DAY),
      capacity: 25,
      registrationDeadline: iso(now + 90 * DAY),
      status: 'published',
    });
    expect(seminar.status).toBe(201);
    ids.seminar = seminar.body.id;

    // A seminar held last week, for attendance and the evaluation.
    const held = await call('POST', '/api/seminars', {
      waveId: ids.wave,
      venueId: ids.venue,
      title: 'Kattegat-seminar, Ærøskøbing (afholdt)',
      startsAt: iso(now - 5 * DAY),
      endsAt: iso(now - 3 * DAY),
      capacity: 25,
      registrationDeadline: iso(now - 12 * DAY),
      status: 'published',
    });
    expect(held.status).toBe(201);
    ids.held = held.body.id;

    const invited = await call('POST', `/api/cycles/${ids.cycle}/invitations`, {});
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ invited: 6, alreadyInvited: 0 });
  });

  it('2. a member opens the personal link from the invitation e-mail, books a seat and gets the calendar file', async () => {
    const link = await linkFromMail(/http:\/\/localhost:\d+\/p\/[A-Za-z0-9_-]+/, 5000);
    if (!link) {
      throw new Error(
        `No invitation e-mail with a personal link (/p/{token}) arrived at the SMTP server within 5 s ` +
          `(${sink.received.length} message(s) arrived). The invitation e-mail is not sent yet.`,
      );
    }
    const personal = new URL(link).pathname;
    const page = await call('GET', personal);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kattegat-seminar, Ærøskøbing');
    const booked = await call(
      'POST',
      `${personal}/tilmeld`,
      new URLSearchParams({ ...csrfOf(page.text), seminarId: String(ids.seminar) }),
    );
    expect(booked.status).toBe(303);
    expect(booked.headers.get('location')).toBe(`${personal}?besked=tilmeldt`);
    const calendar = await call('GET', `${personal}/kalender.ics`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toContain('text/calendar');
    expect(calendar.text).toContain('BEGIN:VEVENT');
    expect(calendar.text).toContain('Ærøskøbing');
  });

  it('3. the planner runs an allocation proposal, marks attendance and sees results and the dashboard', async () => {
    const proposal = await call('POST', `/api/cycles/${ids.cycle}/allocations`, { maxPerMunicipality: 6 });
    expect(proposal.status).toBe(201);
    expect(proposal.body.status).toBe('ready');
    expect(proposal.body.summary.unplacedCount).toBe(0);
    const applied = await call('POST', `/api/cycles/${ids.cycle}/allocations/${proposal.body.id}/apply`);
    expect(applied.status).toBe(200);
    const seats = await call('GET', `/api/seminars/${ids.seminar}/registrations`);
    expect(seats.body.taken).toBe(6);
    const participation = await call('GET', `/api/cycles/${ids.cycle}/participation?status=registered`);
    expect(participation.body.counts).toMatchObject({ registered: 6, not_answered: 0 });

    const seat = await call('POST', `/api/seminars/${ids.held}/registrations`, { memberId: ids.mayor });
    expect(seat.status).toBe(201);
    ids.heldSeat = seat.body.id;
    const attendance = await call('POST', `/api/seminars/${ids.held}/attendance`, {
      records: [{ registrationId: ids.heldSeat, attended: true }],
    });
    expect(attendance.status).toBe(200);
    expect(attendance.body[0].state).toBe('attended');

    const results = await call('GET', `/api/cycles/${ids.cycle}/evaluations/results?seminarId=${ids.held}`);
    expect(results.status).toBe(200);
    const held = results.body.seminars.find((s: { seminarId: number }) => s.seminarId === ids.held);
    expect(held.invited).toBe(1);

    const dashboard = await call('GET', '/log-ind', undefined, { Authorization: '' });
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('<form');
  });

  it('4. the member answers the evaluation from the link in the evaluation e-mail', async () => {
    const link = await linkFromMail(/http:\/\/localhost:\d+\/evaluering\/[A-Za-z0-9_-]+/, 5000);
    if (!link) {
      throw new Error(
        `No evaluation e-mail with a survey link (/evaluering/{token}) arrived at the SMTP server within 5 s ` +
          `(${sink.received.length} message(s) arrived). The evaluation e-mail is not sent yet.`,
      );
    }
    const survey = new URL(link).pathname;
    const page = await call('GET', survey);
    expect(page.status).toBe(200);
    const answered = await call(
      'POST',
      survey,
      new URLSearchParams({
        ...csrfOf(page.text),
        overall: '5',
        relevance: '4',
        speakers: '5',
        network: '4',
        recommend: '9',
        best: 'Mødet med de andre nyvalgte på Ærø.',
      }),
    );
    expect(answered.status).toBe(303);
    const results = await call('GET', `/api/cycles/${ids.cycle}/evaluations/results?seminarId=${ids.held}`);
    const held = results.body.seminars.find((s: { seminarId: number }) => s.seminarId === ids.held);
    expect(held.responses).toBe(1);
  });

  const snapshot = async () => ({
    cycles: (await call('GET', '/api/cycles')).body,
    members: (await call('GET', `/api/cycles/${ids.cycle}/members?pageSize=100`)).body,
    seats: (await call('GET', `/api/seminars/${ids.seminar}/registrations`)).body,
    held: (await call('GET', `/api/seminars/${ids.held}/registrations`)).body,
    participation: (await call('GET', `/api/cycles/${ids.cycle}/participation`)).body,
    messages: (await call('GET', '/api/messages?pageSize=200')).body,
  });

  const restart = async () => {
    expect([0, 'SIGTERM']).toContain(await app.stop());
    app = await startAppProcess(build.dir, env, port);
    token = (await call('POST', '/api/auth/login', ADMIN)).body.accessToken;
  };

  it('5. stopped (SIGTERM) and started again, it has lost nothing', async () => {
    const before = await snapshot();
    expect(before.members.total).toBe(15);
    expect(before.seats.taken).toBe(6);
    await restart();
    const after = await snapshot();
    expect(after.cycles).toEqual(before.cycles);
    expect(after.members).toEqual(before.members);
    expect(after.seats).toEqual(before.seats);
    expect(after.held).toEqual(before.held);
    expect(after.participation).toEqual(before.participation);
    expect(after.messages.total).toBe(before.messages.total);
  });

  it('6. e-mail waiting during an SMTP outage is kept over a restart and sent after it', async () => {
    smtpDown = true;
    const moved = await call('PATCH', `/api/seminars/${ids.seminar}`, {
      startsAt: iso(Date.now() + 101 * DAY),
      endsAt: iso(Date.now() + 103 * DAY),
    });
    expect(moved.status).toBe(200);
    const unsent = async () =>
      ((await call('GET', '/api/messages?pageSize=200')).body.items as Array<{ id: number; status: string }>)
        .filter((m) => m.status !== 'sent')
        .map((m) => m.id);
    const waiting = await unsent();
    if (waiting.length === 0) {
      throw new Error(
        'Moving a seminar with 6 seats queued no e-mail in the outbox: the change e-mail is not sent yet.',
      );
    }
    await restart();
    smtpDown = false;
    const until = Date.now() + 20_000;
    while ((await unsent()).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await unsent()).toEqual([]);
  });
});
