import ICAL from 'ical.js';
import { Clock } from '../src/common/clock';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { createCycle } from './factories/cycle-members.factory';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { MovableClock } from './helpers/clock';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Messaging', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let outbox: OutboxService;
  let dispatcher: DispatcherService;
  let planner: string;
  const clock = new MovableClock();
  /** Well past any retry delay of a first or second attempt. */
  const LATER_MS = 60 * 60 * 1000;
  const refusals = new Map<string, number[]>();
  let seminarId: number;
  /** A confirmation for a seat at the one real seminar (seminar_id is a foreign key). */
  const seatMail = (registrationId: number, sequence = 0) => ({
    ...confirmationMessage(registrationId, sequence),
    seminarId,
  });

  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: (id) => refusals.get(id)?.shift() });
    t = await startTestApp(
      {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
        MAIL_REPLY_TO: 'sekretariat@kl.dk',
      },
      [[Clock, clock]],
    );
    outbox = t.app.get(OutboxService);
    dispatcher = t.app.get(DispatcherService);
    planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    seminarId = (await createSeminar(t.dataSource, wave, await createVenue(t.dataSource))).id;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const row = (key: string) => t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ key });
  const enqueue = (registrationId: number, sequence = 0) =>
    t.dataSource.transaction((manager) => outbox.enqueue(manager, seatMail(registrationId, sequence)));
  const arrived = (key: string) => sink.received.filter((m) => m.messageId === messageIdOf(key));

  describe('enqueue', () => {
    it('writes one row per key and reports a repeat without writing it', async () => {
      const first = await enqueue(1);
      const again = await enqueue(1);
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, id: first.id });
      await expect(
        t.dataSource.getRepository(OutboxMessage).countBy({ key: 'confirmation:1:0' }),
      ).resolves.toBe(1);
    });

    it('writes nothing when the caller’s transaction rolls back', async () => {
      await expect(
        t.dataSource.transaction(async (manager) => {
          await outbox.enqueue(manager, seatMail(2));
          throw new Error('the seat change failed');
        }),
      ).rejects.toThrow('the seat change failed');
      await expect(
        t.dataSource.getRepository(OutboxMessage).countBy({ key: 'confirmation:2:0' }),
      ).resolves.toBe(0);
    });

    it('keeps a repeat inside a PostgreSQL transaction from aborting it', async () => {
      await t.dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, seatMail(3));
        await expect(outbox.enqueue(manager, seatMail(3))).resolves.toMatchObject({
          created: false,
        });
        await outbox.enqueue(manager, seatMail(3, 1));
      });
      await expect(t.dataSource.getRepository(OutboxMessage).countBy({ status: 'pending' })).resolves.toBe(3);
    });
  });

  describe('sending', () => {
    it('delivers a Danish confirmation with both parts and a calendar invitation', async () => {
      const summary = await dispatcher.drain();
      expect(summary).toEqual({ sent: 3, retrying: 0, failed: 0 });
      const [mail] = arrived('confirmation:1:0');
      expect(mail.recipients).toEqual(['medlem1@example.dk']);
      const parsed = await sink.parse(mail);
      expect(parsed.subject).toBe('Bekræftelse: Din plads på Kattegat-kursus på Hindsgavl Slot');
      expect(parsed.from?.value[0]).toEqual({ name: 'Kattegat', address: 'kattegat@kl.dk' });
      expect(parsed.replyTo?.value[0].address).toBe('sekretariat@kl.dk');
      expect(parsed.to).toMatchObject({ value: [{ name: 'Søren Ærø 1', address: 'medlem1@example.dk' }] });
      expect(parsed.html).toContain('Kære Søren Ærø 1');
      expect(parsed.html).toContain(
        'fra torsdag den 15. januar 2026 kl. 13.00 til lørdag den 17. januar 2026 kl. 12.00',
      );
      expect(parsed.text).toContain('https://kattegat.test/p/token-1');

      const ics = parsed.attachments.find((a) => a.filename === 'kattegat.ics');
      expect(ics?.contentType).toBe('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe('seat-1@kattegat');
      expect(event.sequence).toBe(0);
      expect([event.startDate.hour, event.startDate.zone.tzid]).toEqual([13, 'Europe/Copenhagen']);

      await expect(row('confirmation:1:0')).resolves.toMatchObject({
        status: 'sent',
        attempts: 1,
        lastError: null,
      });
    });

    it('sends each message once however often the dispatcher runs', async () => {
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(arrived('confirmation:1:0')).toHaveLength(1);
      expect(arrived('confirmation:3:1')).toHaveLength(1);
    });

    it('retries after a temporary refusal (421) and delivers once', async () => {
      refusals.set(messageIdOf('confirmation:10:0'), [421]);
      await enqueue(10);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 1, failed: 0 });
      await expect(row('confirmation:10:0')).resolves.toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('421'),
      });
      // Not before its retry delay (MAIL_RETRY_BASE_MS, 30 s for the first retry).
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 0, failed: 0 });
      clock.advance(LATER_MS);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(arrived('confirmation:10:0')).toHaveLength(1);
      await expect(row('confirmation:10:0')).resolves.toMatchObject({
        status: 'sent',
        attempts: 2,
        lastError: null,
      });
    });

    it('stops at a permanent refusal (550) and records the reason', async () => {
      refusals.set(messageIdOf('confirmation:11:0'), [550, 550]);
      await enqueue(11);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 0, failed: 1 });
      clock.advance(LATER_MS);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 0, failed: 0 });
      await expect(row('confirmation:11:0')).resolves.toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('550'),
      });
      expect(arrived('confirmation:11:0')).toHaveLength(0);
    });

    it('keeps messages while the server is down and delivers them when it is back', async () => {
      const port = sink.port;
      await sink.close();
      await enqueue(12);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 0, retrying: 1, failed: 0 });
      await expect(row('confirmation:12:0')).resolves.toMatchObject({
        status: 'pending',
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      });
      const previous = sink;
      sink = await startSmtpSink({ port, refuse: (id) => refusals.get(id)?.shift() });
      expect(previous.count).toBeGreaterThan(0);
      clock.advance(LATER_MS);
      await expect(dispatcher.drain()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(arrived('confirmation:12:0')).toHaveLength(1);
    });
  });

  describe('delivery log API', () => {
    it('lists messages by status and kind without their bodies', async () => {
      const res = await t
        .http()
        .get('/api/messages?status=failed&kind=confirmation')
        .auth(planner, { type: 'bearer' })
        .expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({
        key: 'confirmation:11:0',
        kind: 'confirmation',
        recipientEmail: 'medlem11@example.dk',
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('550'),
        icsFilename: 'kattegat.ics',
      });
      expect(res.body.items[0]).not.toHaveProperty('html');
      expect(JSON.stringify(res.body)).not.toContain('token-11');
      const bySeminar = await t
        .http()
        .get(`/api/messages?seminarId=${seminarId}&pageSize=2`)
        .auth(planner, { type: 'bearer' })
        .expect(200);
      expect(bySeminar.body).toMatchObject({ total: 6, page: 1, pageSize: 2 });
      expect(bySeminar.body.items).toHaveLength(2);
    });

    it('refuses a bad filter with the field named, other roles, and callers without a token', async () => {
      const bad = await t
        .http()
        .get('/api/messages?status=lost')
        .auth(planner, { type: 'bearer' })
        .expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
      await t
        .http()
        .get('/api/messages')
        .auth(await t.tokenFor('kl'), { type: 'bearer' })
        .expect(403);
      await t.http().get('/api/messages').expect(401);
    });

    it('refuses to resend a message to no member: a resend renders afresh for the member (test/bounces)', async () => {
      const failed = await row('confirmation:11:0');
      const res = await t
        .http()
        .post(`/api/messages/${failed.id}/resend`)
        .auth(planner, { type: 'bearer' })
        .expect(422);
      expect(res.body.code).toBe('message.not_resendable');
      await expect(row('confirmation:11:0')).resolves.toMatchObject({ status: 'failed' });
    });

    it('refuses to resend a message that is still pending, and an unknown one', async () => {
      const { id } = await enqueue(13);
      await t.http().post(`/api/messages/${id}/resend`).auth(planner, { type: 'bearer' }).expect(409);
      await t.http().post('/api/messages/999999/resend').auth(planner, { type: 'bearer' }).expect(404);
    });

    it('previews each kind with sample data and answers 404 for an unknown kind', async () => {
      const res = await t
        .http()
        .get('/api/messages/preview/waiting_list')
        .auth(planner, { type: 'bearer' })
        .expect(200);
      expect(res.body.subject).toBe('Du er nummer 3 på ventelisten til Kattegat-seminar på Hindsgavl Slot');
      expect(res.body.html).toContain('<html lang="da">');
      expect(res.body.text).toContain('nummer 3 på ventelisten');
      await t.http().get('/api/messages/preview/spam').auth(planner, { type: 'bearer' }).expect(404);
    });
  });
});
