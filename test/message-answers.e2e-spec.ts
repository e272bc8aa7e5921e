import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { EnqueueMessage, OutboxService } from '../src/messaging/outbox.service';
import { signedIn, textOf } from './helpers/console';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

const invitation = (key: string, email: string): EnqueueMessage => ({
  key,
  kind: 'invitation',
  context: {
    recipient: { name: 'Søren Ærø', email },
    cycleName: 'KV25',
    personalLink: 'https://kattegat.test/p/eksempel',
    deadline: null,
    duration: null,
  },
});

describe('The SMTP server’s answer on the message page', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: (id) => (id.startsWith('<refused.') ? 550 : undefined) });
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const row = (key: string) => t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ key });

  it('shows each sent message with the queue id the server answered, and a refused one with its error', async () => {
    await t.dataSource.transaction(async (m) => {
      const outbox = t.app.get(OutboxService);
      for (let i = 1; i <= 3; i++)
        await outbox.enqueue(m, invitation(`answered:${i}`, `medlem${i}@kommune.test`));
      await outbox.enqueue(m, invitation('refused:1', 'ukendt@kommune.test'));
    });
    await expect(t.app.get(DispatcherService).drain()).resolves.toEqual({ sent: 3, retrying: 0, failed: 1 });

    const planner = await signedIn(t, 'planner');
    for (let i = 1; i <= 3; i++) {
      const arrived = sink.received.find((m) => m.recipients.includes(`medlem${i}@kommune.test`))!;
      const message = await row(`answered:${i}`);
      expect(message.smtpResponse).toBe(`250 2.0.0 Ok: queued as ${arrived.queueId}`);
      const page = textOf((await planner.get(`/beskeder/${message.id}`).expect(200)).text);
      expect(page).toContain('Tidspunkt Hvad skete der Serverens svar');
      expect(page).toMatch(
        new RegExp(`Sendt \\(1 forsøg\\) 250 2\\.0\\.0 Ok: queued as ${arrived.queueId}(?!\\d)`),
      );
    }
    expect(new Set(sink.received.map((m) => m.queueId)).size).toBe(3);

    const refused = await row('refused:1');
    expect(refused).toMatchObject({ status: 'failed', smtpResponse: null });
    const page = textOf((await planner.get(`/beskeder/${refused.id}`).expect(200)).text);
    expect(page).toContain('Kunne ikke leveres – opgivet efter 1 forsøg');
    expect(page).toContain('Refused by the test server (550)');
    expect(page).not.toContain('queued as');
  });
});
