import { mkdir, writeFile } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { join } from 'node:path';
import { OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  /** The outbox key; becomes the Message-ID so a duplicate delivery is recognisable as one. */
  key: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  calendar: { filename: string; content: string } | null;
}

/** Where mail goes: SMTP in production, .eml files in development. Replaced in tests. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

type GetSocketCallback = (err: Error | null, socketOptions?: { connection: Socket }) => void;

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. Without it the small last
 * segment of each DATA waits for the server's delayed ACK: about 40 ms per message, which caps
 * a pool of 5 at roughly 100 messages per second on a fast network.
 */
export function connectWithNoDelay(
  options: { host?: string; port?: number; secure?: boolean },
  callback: GetSocketCallback,
): void {
  const socket = connect({
    host: options.host ?? 'localhost',
    port: options.port ?? (options.secure ? 465 : 587),
  });
  socket.setNoDelay(true);
  const onError = (error: Error) => callback(error);
  socket.once('error', onError);
  socket.once('connect', () => {
    socket.removeListener('error', onError);
    callback(null, { connection: socket });
  });
}

/** The pool options the app uses; the benchmark sends its raw nodemailer rows with the same. */
export function smtpPoolOptions(smtpUrl: string, mail: AppConfig['mail'], noDelay = true): SMTPPool.Options {
  return {
    url: smtpUrl,
    pool: true,
    maxConnections: mail.smtpMaxConnections,
    maxMessages: 1000,
    ...(mail.smtpRatePerSecond > 0 ? { rateDelta: 1000, rateLimit: mail.smtpRatePerSecond } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    ...(noDelay ? { getSocket: connectWithNoDelay as SMTPPool.Options['getSocket'] } : {}),
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'kattegat.local';
}

/** The nodemailer message for an outbox row: both parts, the .ics, a Message-ID from the key. */
export function toNodemailerMessage(mail: OutgoingMail, from: string, replyTo: string | undefined) {
  const method = mail.calendar ? (/^METHOD:(\w+)/m.exec(mail.calendar.content)?.[1] ?? 'REQUEST') : undefined;
  return {
    from,
    ...(replyTo ? { replyTo } : {}),
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: `<${mail.key.replace(/[^A-Za-z0-9._-]/g, '.')}@${domainOf(from)}>`,
    attachments: mail.calendar
      ? [
          {
            filename: mail.calendar.filename,
            content: mail.calendar.content,
            contentType: `text/calendar; charset=utf-8; method=${method}`,
          },
        ]
      : [],
  };
}

export class SmtpMailTransport implements MailTransport, OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly config: AppConfig,
  ) {
    this.transporter = nodemailer.createTransport(smtpPoolOptions(smtpUrl, config.mail));
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(
      toNodemailerMessage(mail, this.config.mailFrom, this.config.mail.replyTo),
    );
  }

  close(): void {
    this.transporter.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }
}

/** Without SMTP: each message becomes an .eml file that any mail client opens. */
export class FileMailTransport implements MailTransport {
  private readonly transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor(
    private readonly dir: string,
    private readonly config: AppConfig,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail(
      toNodemailerMessage(mail, this.config.mailFrom, this.config.mail.replyTo),
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeKey = mail.key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 150);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${stamp}-${safeKey}.eml`), info.message as Buffer);
  }

  close(): void {}
}

export function createMailTransport(config: AppConfig): MailTransport {
  return config.smtpUrl
    ? new SmtpMailTransport(config.smtpUrl, config)
    : new FileMailTransport(config.mailDir, config);
}
