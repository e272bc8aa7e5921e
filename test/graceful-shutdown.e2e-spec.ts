import { connect, Socket } from 'node:net';
import { InvitationJob } from '../src/invitations/invitation-job.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { createWave } from './factories/planning.factory';
import { AppProcess, buildApp, freePort, startAppProcess } from './helpers/app-process';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(600_000);

const MESSAGES = 200;
const TEN_MINUTES = String(10 * 60 * 1000);

/** The server as it runs in production, stopped with SIGTERM while it works, and started again. */
describe('Graceful shutdown on SIGTERM', () => {
  let t: TestApp;
  let build: { dir: string; remove(): void };
  let sink: SmtpSink;
  const email = 'planner-stop@kl.dk';
  const password = 'et-rigtig-langt-kodeord';

  beforeAll(async () => {
    build = buildApp();
    // A slow mail server keeps a batch in flight when the stop comes.
    sink = await startSmtpSink({ delayMs: 40 });
    t = await startTestApp({ AUTH_SECRET: 'a-shutdown-test-secret-of-more-than-32-characters' });
    await t.tokenFor('planner', email);
  });
  afterAll(async () => {
    build?.remove();
    await sink.close();
    await t.close();
  });

  const start = async (env: Record<string, string> = {}): Promise<AppProcess> =>
    startAppProcess(
      build.dir,
      {
        ...process.env,
        ...t.database.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'a-shutdown-test-secret-of-more-than-32-characters',
        ...env,
      },
      await freePort(),
    );
  const refusesConnections = async (app: AppProcess) => {
    for (;;) {
      const refused = await fetch(`${app.baseUrl}/health`).then(
        () => false,
        () => true,
      );
      if (refused) return;
    }
  };

  it('refuses new connections at once and finishes the request in flight', async () => {
    const app = await start();
    const body = JSON.stringify({ email, password });
    const socket: Socket = connect(Number(new URL(app.baseUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );

    const stopped = app.stop();
    await refusesConnections(app);
    socket.write(body.slice(10));
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"accessToken"');
    await expect(stopped).resolves.toBe('SIGTERM');
  });

  it('sends the batch in flight, gives back the claimed one, and sends nothing twice', async () => {
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction(async (manager) => {
      for (let i = 1; i <= MESSAGES; i++) await outbox.enqueue(manager, confirmationMessage(i));
    });
    const mailing = {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      DISPATCH_INTERVAL_MS: '100',
      DISPATCH_BATCH_SIZE: '20',
      DISPATCH_LEASE_MS: TEN_MINUTES,
    };
    const first = await start(mailing);
    await sink.waitFor(30, 60_000);
    await expect(first.stop()).resolves.toBe('SIGTERM');

    const rows = t.dataSource.getRepository(OutboxMessage);
    const sentBeforeRestart = sink.count;
    expect(sentBeforeRestart).toBeLessThan(MESSAGES);
    await expect(rows.countBy({ status: 'sending' })).resolves.toBe(0);
    await expect(rows.countBy({ status: 'sent' })).resolves.toBe(sentBeforeRestart);

    // The rest goes out at once after the restart, not after the ten-minute lease.
    const second = await start(mailing);
    const restartedAt = Date.now();
    await sink.waitFor(MESSAGES, 60_000);
    const catchUpMs = Date.now() - restartedAt;
    await second.stop();
    const deliveries = sink.deliveries();
    for (let i = 1; i <= MESSAGES; i++) expect(deliveries.get(messageIdOf(`confirmation:${i}:0`))).toBe(1);
    expect(sink.count).toBe(MESSAGES);
    await expect(rows.countBy({ status: 'sent' })).resolves.toBe(MESSAGES);
    console.log(
      `Stopped after ${sentBeforeRestart} of ${MESSAGES} messages; the restarted server sent the rest in ${catchUpMs} ms, none twice.`,
    );
  });

  it('lets a running invitation job go, and the restarted server carries it on at once', async () => {
    const cycle = await createCycle(t.dataSource);
    await createWave(t.dataSource, cycle.id);
    await createMembers(t.dataSource, cycle.id, 3000);
    const jobs = { JOB_LEASE_MS: TEN_MINUTES, JOB_TAKEOVER_MS: '1000' };
    const first = await start(jobs);
    const login = await fetch(`${first.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const api = (app: AppProcess, path: string, init: RequestInit = {}) =>
      fetch(`${app.baseUrl}/api/cycles/${cycle.id}/invitations${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      });
    const started = await api(first, '', { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const repo = t.dataSource.getRepository(InvitationJob);
    while ((await repo.findOneByOrFail({ id })).invited === 0);
    await expect(first.stop()).resolves.toBe('SIGTERM');

    const letGo = await repo.findOneByOrFail({ id });
    expect(letGo).toMatchObject({ status: 'running', claimedBy: null, lockedUntil: null });
    expect(letGo.processed).toBeLessThan(3000);

    const second = await start(jobs);
    let job: { status: string; invited: number; alreadyInvited: number };
    do job = (await (await api(second, `/jobs/${id}`)).json()) as typeof job;
    while (job.status === 'running');
    await second.stop();
    expect(job).toMatchObject({ status: 'done', invited: 3000, alreadyInvited: 0 });
    await expect(repo.findOneByOrFail({ id })).resolves.toMatchObject({ processed: 3000, takeovers: 1 });
    console.log(`Stopped at ${letGo.processed} of 3000 members; the restarted server invited the rest.`);
  });
});
