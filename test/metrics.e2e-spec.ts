import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { createWave } from './factories/planning.factory';
import { inviteNow } from './helpers/portal';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

/** The value of one sample line, e.g. `name{a="b"}`, or undefined when there is none. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Metrics for operators', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const t = await startTestApp();
    try {
      await t.http().get('/metrics').expect(404);
      await t.http().get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' }).expect(404);
    } finally {
      await t.close();
    }
  });

  describe('with METRICS_TOKEN', () => {
    let sink: SmtpSink;
    let t: TestApp;
    const refusals = new Map<string, number>();

    beforeAll(async () => {
      sink = await startSmtpSink({ refuse: (id) => refusals.get(id) });
      t = await startTestApp({ METRICS_TOKEN, SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' });
    });
    afterAll(async () => {
      await t.close();
      await sink.close();
    });

    const scrape = async () => {
      const res = await t.http().get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      return res.text;
    };

    it('answers only the scraper with the token', async () => {
      await t.http().get('/metrics').expect(401);
      await t.http().get('/metrics').auth('wrong-token-wrong-token-wrong', { type: 'bearer' }).expect(401);
      const staff = await t.tokenFor('admin');
      await t.http().get('/metrics').auth(staff, { type: 'bearer' }).expect(401);
      const text = await scrape();
      expect(text).toContain('# TYPE kattegat_http_request_duration_seconds histogram');
      expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    });

    it('counts and times requests by route template, never by the path with its token', async () => {
      const token = 'Qm9vb29vb29vb29vb29vb29vb29vb29vb29vb29vb28';
      const planner = await t.tokenFor('planner');
      await t.http().get(`/p/${token}`).expect(404);
      await t
        .http()
        .get(`/p/${token.replace('Q', 'R')}`)
        .expect(404);
      await t.http().get('/api/cycles/424242').auth(planner, { type: 'bearer' }).expect(404);
      await t.http().get('/health').expect(200);
      await t.http().get('/ingen/hemmelig-sti-42').expect(404);
      const text = await scrape();
      const count = (route: string, status: number) =>
        sample(
          text,
          `kattegat_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`,
        );
      expect(count('/p/:token', 404)).toBe(2);
      expect(count('/api/cycles/:cycleId', 404)).toBe(1);
      expect(count('/health', 200)).toBeGreaterThanOrEqual(1);
      expect(count('unmatched', 404)).toBe(1);
      expect(
        sample(
          text,
          'kattegat_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/p/:token",status="404"}',
        ),
      ).toBe(2);
      for (const secret of [token, 'hemmelig-sti', '424242', planner]) expect(text).not.toContain(secret);
    });

    it('shows the outbox depth, the age of the oldest due message and send failures by SMTP code', async () => {
      const outbox = t.app.get(OutboxService);
      const messages = [confirmationMessage(901), confirmationMessage(902), confirmationMessage(903)];
      await t.dataSource.transaction(async (m) => {
        for (const message of messages) await outbox.enqueue(m, message);
      });
      await t.dataSource
        .getRepository(OutboxMessage)
        .update({ key: messages[0].key }, { nextAttemptAt: new Date(Date.now() - 90_000) });
      const before = await scrape();
      expect(sample(before, 'kattegat_outbox_messages{status="pending"}')).toBe(3);
      expect(sample(before, 'kattegat_outbox_due_messages')).toBe(3);
      expect(sample(before, 'kattegat_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(90);
      expect(sample(before, 'kattegat_outbox_oldest_due_age_seconds')).toBeLessThan(300);

      refusals.set(messageIdOf(messages[1].key), 550);
      refusals.set(messageIdOf(messages[2].key), 421);
      await expect(t.app.get(DispatcherService).drain()).resolves.toEqual({
        sent: 1,
        retrying: 1,
        failed: 1,
      });
      const after = await scrape();
      expect(sample(after, 'kattegat_mail_sends_total{outcome="sent"}')).toBe(1);
      expect(sample(after, 'kattegat_mail_sends_total{outcome="failed"}')).toBe(2);
      expect(sample(after, 'kattegat_mail_send_failures_total{code="550",temporary="false"}')).toBe(1);
      expect(sample(after, 'kattegat_mail_send_failures_total{code="421",temporary="true"}')).toBe(1);
      // The temporary failure waits for its retry; the permanent one is failed for good.
      expect(sample(after, 'kattegat_outbox_messages{status="pending"}')).toBe(1);
      expect(sample(after, 'kattegat_outbox_messages{status="failed"}')).toBe(1);
      expect(sample(after, 'kattegat_outbox_due_messages')).toBe(0);
      expect(sample(after, 'kattegat_outbox_oldest_due_age_seconds')).toBe(0);
    });

    it('counts background jobs by state', async () => {
      const cycle = await createCycle(t.dataSource);
      await createWave(t.dataSource, cycle.id);
      await createMembers(t.dataSource, cycle.id, 2);
      const planner = await t.tokenFor('planner');
      const before = sample(await scrape(), 'kattegat_jobs{kind="invitation",state="done"}');
      await inviteNow(t, cycle.id, planner);
      const text = await scrape();
      expect(sample(text, 'kattegat_jobs{kind="invitation",state="done"}')).toBe((before ?? 0) + 1);
      expect(sample(text, 'kattegat_jobs{kind="invitation",state="running"}')).toBe(0);
      expect(sample(text, 'kattegat_jobs{kind="invitation",state="failed"}')).toBe(0);
    });

    it('shows how the database connections are used', async () => {
      const text = await scrape();
      if (t.database.engine === 'postgres') {
        expect(sample(text, 'kattegat_db_pool_max_connections')).toBe(10);
        expect(sample(text, 'kattegat_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
        expect(sample(text, 'kattegat_db_pool_connections{state="waiting"}')).toBe(0);
        expect(sample(text, 'kattegat_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
      } else {
        expect(sample(text, 'kattegat_db_pool_max_connections')).toBe(1);
        expect(sample(text, 'kattegat_db_pool_connections{state="in_use"}')).toBe(1);
      }
    });
  });
});
