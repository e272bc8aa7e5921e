import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Drafts the dispatcher cannot write out', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      DISPATCH_BATCH_SIZE: '2',
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('fail with a Danish reason, and a batch of only those does not end the drain before the rest', async () => {
    const cycle = await createCycle(t.dataSource);
    const seminar = await createSeminar(
      t.dataSource,
      await createWave(t.dataSource, cycle.id),
      await createVenue(t.dataSource),
    );
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    const earlier = new Date(Date.now() - 60_000);
    // Two drafts whose seminar snapshot lacks what the confirmation says: the whole first batch.
    for (const n of [1, 2])
      await t.dataSource.getRepository(OutboxMessage).insert({
        key: `confirmation:broken:${n}`,
        kind: 'confirmation',
        recipientEmail: member.email!,
        recipientName: member.name ?? 'Søren Ærø',
        memberId: member.id,
        seminarId: seminar.id,
        subject: '',
        html: '',
        text: '',
        context: '{}',
        draft: JSON.stringify({ seminar: {}, calendar: null }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: earlier,
      });
    await t.dataSource.transaction((m) =>
      t.app.get(OutboxService).enqueue(m, {
        key: 'invitation:after-the-broken',
        kind: 'invitation',
        context: {
          recipient: { name: 'Søren Ærø', email: 'efter@kommune.test' },
          cycleName: 'KV25',
          personalLink: 'https://kattegat.test/p/eksempel',
          deadline: null,
          duration: null,
        },
      }),
    );

    await t.app.get(DispatcherService).drain();

    expect(sink.received.map((m) => m.recipients)).toEqual([['efter@kommune.test']]);
    const broken = await t.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { kind: 'confirmation' }, order: { key: 'ASC' } });
    expect(broken.map((m) => [m.status, m.lastError])).toEqual([
      ['failed', 'E-mailen kunne ikke skrives ud fra sin skabelon'],
      ['failed', 'E-mailen kunne ikke skrives ud fra sin skabelon'],
    ]);
  });
});
