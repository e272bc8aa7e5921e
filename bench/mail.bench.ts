import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { buildCalendar, CalendarEventInput } from '../src/messaging/calendar';
import { MailRenderer } from '../src/messaging/mail-renderer';
import { OutgoingMail, smtpPoolOptions, toNodemailerMessage } from '../src/messaging/mail-transport';
import { OutboxService } from '../src/messaging/outbox.service';
import { startSmtpSink, SmtpSink } from '../test/helpers/smtp-sink';
import { startTestApp, TestApp } from '../test/helpers/test-app';
import { EnqueueMessage } from '../src/messaging/outbox.service';

/*
 * Mass sending: 2,500 invitations (HTML + text + .ics) to a loopback SMTP sink over a pool of
 * 5 connections, through the app's outbox and dispatcher, beside raw nodemailer sending the same
 * prepared messages over the same pool. nodemailer 10 sets TCP_NODELAY on its sockets itself,
 * so its default IS the NODELAY row; the Nagle row forces the old behaviour with a socket whose
 * setNoDelay does nothing. Median of the runs, after one warm-up.
 */
const MESSAGES = 2500;
const RUNS = 5;
const FROM = 'Kattegat <kattegat@kl.dk>';

function invitation(run: string, i: number): EnqueueMessage {
  const recipient = { name: `Søren Ærø Nørgaard ${i}`, email: `medlem${i}@example.dk` };
  const personalLink = `https://kattegat.test/p/${'x'.repeat(22)}${i}`;
  const calendar: CalendarEventInput = {
    uid: `seat-${i}@kattegat`,
    sequence: 0,
    method: 'REQUEST',
    start: new Date('2026-01-15T12:00:00Z'),
    end: new Date('2026-01-17T11:00:00Z'),
    summary: 'Kattegat-kursus på Hindsgavl Slot',
    description: `Torsdag: Velkomst\nFredag: Rollen som politiker\nLørdag: Frokost\n\n${personalLink}`,
    location: 'Hindsgavl Slot, Hindsgavl Allé 7, 5500 Middelfart',
    organizer: { name: 'Kattegat', email: 'kattegat@kl.dk' },
    attendee: recipient,
  };
  return {
    key: `bench:${run}:${i}`,
    kind: 'invitation',
    context: {
      recipient,
      cycleName: 'KV25',
      personalLink,
      deadline: new Date('2025-12-19T22:59:00Z'),
      duration: null,
    },
    calendar,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('Mass sending', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await startSmtpSink({ countOnly: true });
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: FROM, SMTP_MAX_CONNECTIONS: '5' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** A connection nodemailer cannot switch Nagle off on: what its default was before version 10. */
  const withNagle = (
    options: { host?: string; port?: number },
    callback: (err: Error | null, s?: object) => void,
  ) => {
    const socket = connect({ host: options.host ?? '127.0.0.1', port: options.port ?? 25 });
    socket.setNoDelay = () => socket;
    socket.once('error', callback);
    socket.once('connect', () => callback(null, { connection: socket }));
  };

  /** CPU time of this process (app, nodemailer and the sink) per message, in µs: less noisy than wall time. */
  const cpuPerMessage = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / MESSAGES;
  };

  async function raw(
    nagle: boolean,
    messages: ReturnType<typeof toNodemailerMessage>[],
    cpu: number[] = [],
  ): Promise<number> {
    const options = smtpPoolOptions(sink.url, t.config.mail);
    const transporter = nodemailer.createTransport(
      nagle ? { ...options, getSocket: withNagle as SMTPPool.Options['getSocket'] } : options,
    );
    const before = sink.count;
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    await Promise.all(messages.map((m) => transporter.sendMail(m)));
    const seconds = (performance.now() - started) / 1000;
    cpu.push(cpuPerMessage(startedCpu));
    transporter.close();
    expect(sink.count - before).toBe(MESSAGES);
    return MESSAGES / seconds;
  }

  it('measures the app against raw nodemailer', async () => {
    const renderer = new MailRenderer();
    const prepared = Array.from({ length: MESSAGES }, (_, i) => {
      const request = invitation('raw', i);
      const mail = renderer.render(request);
      const outgoing: OutgoingMail = {
        key: request.key,
        to: { name: request.context.recipient.name, address: request.context.recipient.email },
        ...mail,
        calendar: { filename: 'kattegat.ics', content: buildCalendar(request.calendar!) },
      };
      return toNodemailerMessage(outgoing, FROM, undefined);
    });

    const outbox = t.app.get(OutboxService);
    const dispatcher = t.app.get(DispatcherService);
    const rows = {
      rawNagle: [] as number[],
      rawNoDelay: [] as number[],
      app: [] as number[],
      enqueue: [] as number[],
      rawCpu: [] as number[],
      appCpu: [] as number[],
    };
    await raw(false, prepared);
    for (let run = 0; run < RUNS; run++) {
      rows.rawNagle.push(await raw(true, prepared));
      rows.rawNoDelay.push(await raw(false, prepared, rows.rawCpu));

      let started = performance.now();
      await t.dataSource.transaction(async (manager) => {
        for (let i = 0; i < MESSAGES; i++) await outbox.enqueue(manager, invitation(`app${run}`, i));
      });
      rows.enqueue.push(MESSAGES / ((performance.now() - started) / 1000));

      const before = sink.count;
      started = performance.now();
      const startedCpu = process.cpuUsage();
      const summary = await dispatcher.drain();
      rows.app.push(MESSAGES / ((performance.now() - started) / 1000));
      rows.appCpu.push(cpuPerMessage(startedCpu));
      expect(summary.sent).toBe(MESSAGES);
      expect(sink.count - before).toBe(MESSAGES);
    }

    const fmt = (xs: number[]) => `${Math.round(median(xs))} (${xs.map((x) => Math.round(x)).join(', ')})`;
    const ratio = median(rows.app) / median(rows.rawNoDelay);
    console.log(
      [
        `engine: ${t.database.engine}, ${MESSAGES} messages, 5 connections, median (runs) msg/s`,
        `| client | msg/s |`,
        `|---|---|`,
        `| raw nodemailer, Nagle on (socket whose setNoDelay does nothing) | ${fmt(rows.rawNagle)} |`,
        `| raw nodemailer 10.6 as configured by default (= TCP_NODELAY) | ${fmt(rows.rawNoDelay)} |`,
        `| app: outbox dispatcher (render done at enqueue) | ${fmt(rows.app)} |`,
        `| app: enqueue (render + .ics + insert, one transaction) | ${fmt(rows.enqueue)} |`,
        `app / raw with TCP_NODELAY: ${(ratio * 100).toFixed(0)} %`,
        `CPU per message, median (runs) µs: raw ${fmt(rows.rawCpu)}, app dispatcher ${fmt(rows.appCpu)}; app / raw ${((median(rows.appCpu) / median(rows.rawCpu)) * 100).toFixed(0)} %`,
      ].join('\n'),
    );
  });
});
