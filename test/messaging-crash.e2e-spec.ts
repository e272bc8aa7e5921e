import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { IsNull, Not } from 'typeorm';
import { Transactor } from '../src/database/transactor';
import { Invitation } from '../src/invitations/invitation.entity';
import { hashPersonalToken } from '../src/invitations/personal-token';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { PROJECT_ROOT } from '../src/paths';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { PAGE_LINK } from './helpers/member-mail';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

const MESSAGES = 200;
const BATCH = 20;
const LEASE_MS = 1500;
const LONG_LEASE_MS = 10 * 60 * 1000;

jest.setTimeout(300_000);

/**
 * The dispatcher as it runs in production, in its own process (the built CLI `send`): killed
 * with SIGKILL in the middle of a batch and started again, and two of them at once.
 */
describe('Dispatcher processes', () => {
  const buildDir = join(PROJECT_ROOT, 'dist', `crash-test-${randomBytes(4).toString('hex')}`);
  let t: TestApp;
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir],
      {
        cwd: PROJECT_ROOT,
        stdio: 'inherit',
      },
    );
    // A slow server keeps a batch in flight long enough to be killed in the middle of it.
    sink = await startSmtpSink({ delayMs: 40 });
    t = await startTestApp();
    env = {
      ...process.env,
      ...t.database.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      DISPATCH_BATCH_SIZE: String(BATCH),
    };
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
    rmSync(buildDir, { recursive: true, force: true });
  });

  const runSend = (leaseMs = LEASE_MS): ChildProcess =>
    spawn(process.execPath, [join(buildDir, 'src', 'cli', 'main.js'), 'send'], {
      cwd: PROJECT_ROOT,
      env: { ...env, DISPATCH_LEASE_MS: String(leaseMs) },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  /** How many messages a finished `send` reports as sent. */
  const sentBy = async (child: ChildProcess): Promise<number> => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await exited(child)).toBe(0);
    return Number(/Sent (\d+)/.exec(out)?.[1]);
  };
  /** Rows claimed by a dispatcher whose lease has not run out. */
  const liveClaims = async () => {
    const [sql, params] = t.dataSource.driver.escapeQueryWithParameters(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'sending' AND locked_until >= :now`,
      { now: new Date() },
    );
    const [{ n }] = await t.dataSource.query(sql, params);
    return Number(n);
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  it('delivers every message after a restart, with duplicates only from the batches in flight', async () => {
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction(async (manager) => {
      for (let i = 1; i <= MESSAGES; i++) await outbox.enqueue(manager, confirmationMessage(i));
    });

    // A lease far longer than any batch, so a slow machine never makes the living dispatcher's own
    // batch look abandoned (it would take it again and send it twice, which is not the crash).
    const first = runSend(LONG_LEASE_MS);
    const firstExit = exited(first);
    await sink.waitFor(MESSAGES / 3, 60_000);
    first.kill('SIGKILL');
    await expect(firstExit).resolves.toBeNull();
    const beforeRestart = sink.count;
    expect(beforeRestart).toBeLessThan(MESSAGES);

    // The killed dispatcher's claim must run out before another may take its rows: instead of
    // waiting ten minutes, its lease is moved into the past, as the clock would have done.
    expect(await liveClaims()).toBeGreaterThan(0);
    await t.dataSource
      .getRepository(OutboxMessage)
      .update({ status: 'sending' }, { lockedUntil: new Date(Date.now() - 1000) });
    expect(await liveClaims()).toBe(0);
    await expect(exited(runSend())).resolves.toBe(0);

    const deliveries = sink.deliveries();
    for (let i = 1; i <= MESSAGES; i++)
      expect(deliveries.get(messageIdOf(`confirmation:${i}:0`))).toBeGreaterThanOrEqual(1);
    const duplicates = sink.count - MESSAGES;
    console.log(
      `Killed after ${beforeRestart} deliveries; ${duplicates} duplicate(s) after the restart (batch ${BATCH}, two in flight).`,
    );
    expect(duplicates).toBeLessThanOrEqual(2 * BATCH);
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'sent'`,
    );
    expect(Number(n)).toBe(MESSAGES);
  });

  it('sends each message once when two dispatcher processes drain one database at the same time', async () => {
    const outbox = t.app.get(OutboxService);
    const keys = Array.from({ length: MESSAGES }, (_, i) => 1001 + i);
    await t.dataSource.transaction(async (manager) => {
      for (const i of keys) await outbox.enqueue(manager, confirmationMessage(i));
    });
    const before = sink.count;

    // A lease far longer than the run: a busy machine must not make a slow batch look abandoned
    // (the takeover of abandoned batches is the crash test's business).
    const [a, b] = await Promise.all([sentBy(runSend(LONG_LEASE_MS)), sentBy(runSend(LONG_LEASE_MS))]);

    expect(a + b).toBe(MESSAGES);
    expect(Math.min(a, b)).toBeGreaterThan(0);
    const deliveries = sink.deliveries();
    for (const i of keys) expect(deliveries.get(messageIdOf(`confirmation:${i}:0`))).toBe(1);
    expect(sink.count - before).toBe(MESSAGES);
  });

  it('writes out and sends, once, the drafts of seats booked before a crash, also when killed while sending them', async () => {
    // The made-up messages above carry keys of registrations 1–200, as these seats will.
    await t.dataSource.getRepository(OutboxMessage).delete({ memberId: IsNull() });
    // Bookings commit their e-mails as drafts; no dispatcher runs here, as if the app died then.
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      capacity: MESSAGES,
    });
    const members = await createMembers(t.dataSource, cycle.id, MESSAGES);
    await t.app.get(Transactor).run((manager) =>
      t.app.get(SeatService).placeMany(
        manager,
        cycle.id,
        members.map((m) => ({ memberId: m.id, seminarId: seminar.id, fromRegistrationId: null })),
        { kind: 'system' },
      ),
    );
    const outbox = t.dataSource.getRepository(OutboxMessage);
    const drafted = await outbox.find({
      where: { seminarId: seminar.id },
      select: { key: true, draft: true },
    });
    expect(drafted).toHaveLength(MESSAGES);
    expect(drafted.every((m) => m.draft !== null)).toBe(true);
    const before = sink.count;
    // The made-up messages went out with the same Message-IDs: only deliveries from here on count.
    const earlier = sink.deliveries();

    const first = runSend(LONG_LEASE_MS);
    const firstExit = exited(first);
    await sink.waitFor(before + MESSAGES / 3, 60_000);
    first.kill('SIGKILL');
    await expect(firstExit).resolves.toBeNull();
    // Drafts no dispatcher had claimed when it died: each must go out exactly once.
    const untouched = await outbox.find({
      where: { seminarId: seminar.id, draft: Not(IsNull()) },
      select: { key: true },
    });
    expect(untouched.length).toBeGreaterThan(0);
    await outbox.update({ status: 'sending' }, { lockedUntil: new Date(Date.now() - 1000) });
    // A long lease again: a slow batch must not look abandoned and go out twice.
    await expect(exited(runSend(LONG_LEASE_MS))).resolves.toBe(0);

    const all = sink.deliveries();
    const sentHere = (key: string) => (all.get(messageIdOf(key)) ?? 0) - (earlier.get(messageIdOf(key)) ?? 0);
    for (const { key } of drafted) expect(sentHere(key)).toBeGreaterThanOrEqual(1);
    for (const { key } of untouched) expect(sentHere(key)).toBe(1);
    expect(sink.count - before - MESSAGES).toBeLessThanOrEqual(2 * BATCH);
    const rows = await outbox.find({ where: { seminarId: seminar.id } });
    expect(rows.every((m) => m.status === 'sent' && m.draft === null && m.ics !== null)).toBe(true);

    // What went out is the booking's confirmation, with a link to the member's page that works.
    const mail = await sink.parse(sink.received[sink.received.length - 1]);
    expect(mail.subject).toBe(`Bekræftelse: Din plads på ${seminar.title}`);
    expect(mail.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);
    const token = PAGE_LINK.exec(mail.text!)![1];
    const link = await t.dataSource
      .getRepository(Invitation)
      .findOneBy({ tokenHash: hashPersonalToken(token), purpose: 'message' });
    expect(link).not.toBeNull();
  });
});
