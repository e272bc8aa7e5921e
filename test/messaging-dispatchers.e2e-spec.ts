import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxService } from '../src/messaging/outbox.service';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

const MESSAGES = 300;

// Two app instances in one process share a SQLite file only by blocking each other's event
// loop; several instances on one database is what PostgreSQL is for.
const onPostgres = Boolean(process.env.DATABASE_URL);

(onPostgres ? describe : describe.skip)('Two dispatchers on one PostgreSQL database', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink({ delayMs: 2 });
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      DISPATCH_BATCH_SIZE: '10',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(t.config)] }).compile();
    second = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await second.init();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await sink.close();
  });

  it('sends every message exactly once when both drain the outbox at the same time', async () => {
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction(async (manager) => {
      for (let i = 1; i <= MESSAGES; i++) await outbox.enqueue(manager, confirmationMessage(i));
    });

    const [a, b] = await Promise.all([
      t.app.get(DispatcherService).drain(),
      second.get(DispatcherService).drain(),
    ]);

    expect(a.sent + b.sent).toBe(MESSAGES);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const deliveries = sink.deliveries();
    expect(deliveries.size).toBe(MESSAGES);
    for (let i = 1; i <= MESSAGES; i++) expect(deliveries.get(messageIdOf(`confirmation:${i}:0`))).toBe(1);
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'sent'`,
    );
    expect(Number(n)).toBe(MESSAGES);
  });
});
