import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../src/config/load-config';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { SmtpMailTransport } from '../src/messaging/mail-transport';
import { OutboxService } from '../src/messaging/outbox.service';
import { PROJECT_ROOT } from '../src/paths';
import { confirmationMessage, messageIdOf } from './factories/messages';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { waitUntil } from './helpers/wait';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Mail transports', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('sends over SMTP with Nagle switched off on the client socket', async () => {
    const clientSockets: boolean[] = [];
    const original = Socket.prototype.setNoDelay;
    const spy = jest.spyOn(Socket.prototype, 'setNoDelay').mockImplementation(function (
      this: Socket,
      noDelay?: boolean,
    ) {
      if (this.remotePort === sink.port) clientSockets.push(noDelay !== false);
      return original.call(this, noDelay);
    });
    const config = loadConfig(
      { NODE_ENV: 'test', SMTP_URL: sink.url, SMTP_MAX_CONNECTIONS: '2' },
      PROJECT_ROOT,
    );
    const transport = new SmtpMailTransport(sink.url, config);
    try {
      await transport.send({
        key: 'nodelay:1',
        to: { name: 'Åse', address: 'aase@example.dk' },
        subject: 'Prøve',
        html: '<p>Hej</p>',
        text: 'Hej',
        calendar: null,
      });
    } finally {
      transport.close();
      spy.mockRestore();
    }
    expect(clientSockets).toEqual([true]);
    expect(sink.received.map((m) => m.messageId)).toContain('<nodelay.1@localhost>');
  });

  describe('without SMTP_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('writes each message as an .eml file with CRLF line ends that a mail reader opens', async () => {
      await t.dataSource.transaction((m) => t.app.get(OutboxService).enqueue(m, confirmationMessage(5)));
      await expect(t.app.get(DispatcherService).drain()).resolves.toMatchObject({ sent: 1 });
      const files = readdirSync(t.config.mailDir);
      expect(files).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-confirmation_5_0\.eml$/)]);
      const raw = readFileSync(join(t.config.mailDir, files[0]));
      expect(raw.toString('latin1')).toContain('\r\n');
      expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe('Bekræftelse: Din plads på Kattegat-kursus på Hindsgavl Slot');
      expect(parsed.attachments.map((a) => a.filename)).toEqual(['kattegat.ics']);
    });
  });

  describe('the background dispatcher', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        SMTP_URL: sink.url,
        MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
        DISPATCH_INTERVAL_MS: '50',
      });
    });
    afterAll(() => t.close());

    it('sends what is enqueued without anyone asking, when an interval is configured', async () => {
      await t.dataSource.transaction((m) => t.app.get(OutboxService).enqueue(m, confirmationMessage(77)));
      await waitUntil(() => sink.received.some((m) => m.messageId === messageIdOf('confirmation:77:0')), {
        timeoutMs: 5000,
        what: 'the background dispatcher to send the message',
      });
      expect(sink.received.filter((m) => m.messageId === messageIdOf('confirmation:77:0'))).toHaveLength(1);
    });
  });
});
