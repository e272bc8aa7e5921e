import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../config/app-config';
import { headerSafeMail } from './header-safe';

export interface OutgoingMail {
  /** The outbox key; becomes the Message-ID so a duplicate delivery is recognisable as one. */
  key: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  calendar: { filename: string; content: string } | null;
  /** The envelope sender (MAIL FROM) when bounces come back to a VERP address of their own. */
  returnPath?: string;
}

/** Where mail goes: SMTP in production, .eml files in development. Replaced in tests. */
export interface MailTransport {
  /** Resolves with the SMTP server's answer to the message (`250 2.0.0 Ok: queued as …`), null without a server. */
  send(mail: OutgoingMail): Promise<string | null>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * The pool options the app uses; the benchmark sends its raw nodemailer rows with the same.
 * TCP_NODELAY needs no option here: nodemailer 10 turns Nagle off on every SMTP socket itself
 * (smtp-connection `_onConnect`), which test/messaging-transport.e2e-spec.ts checks, so a
 * version that stops doing it would not pass unnoticed.
 */
export function smtpPoolOptions(smtpUrl: string, mail: AppConfig['mail']): SMTPPool.Options {
  return {
    url: smtpUrl,
    pool: true,
    maxConnections: mail.smtpMaxConnections,
    maxMessages: 1000,
    ...(mail.smtpRatePerSecond > 0 ? { rateDelta: 1000, rateLimit: mail.smtpRatePerSecond } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'kattegat.local';
}

/** The nodemailer message for an outbox row: both parts, the .ics, a Message-ID from the key. */
export function toNodemailerMessage(unsafe: OutgoingMail, from: string, replyTo: string | undefined) {
  const mail = headerSafeMail(unsafe);
  const method = mail.calendar ? (/^METHOD:(\w+)/m.exec(mail.calendar.content)?.[1] ?? 'REQUEST') : undefined;
  return {
    from,
    ...(replyTo ? { replyTo } : {}),
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    ...(mail.returnPath ? { envelope: { from: mail.returnPath, to: [mail.to.address] } } : {}),
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

export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly config: AppConfig,
  ) {
    this.transporter = nodemailer.createTransport(smtpPoolOptions(smtpUrl, config.mail));
  }

  async send(mail: OutgoingMail): Promise<string | null> {
    const info = await this.transporter.sendMail(
      toNodemailerMessage(mail, this.config.mailFrom, this.config.mail.replyTo),
    );
    return typeof info.response === 'string' ? info.response : null;
  }

  close(): void {
    this.transporter.close();
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

  async send(mail: OutgoingMail): Promise<null> {
    const info = await this.transporter.sendMail(
      toNodemailerMessage(mail, this.config.mailFrom, this.config.mail.replyTo),
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeKey = mail.key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 150);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${stamp}-${safeKey}.eml`), info.message as Buffer);
    return null;
  }

  close(): void {}
}

export function createMailTransport(config: AppConfig): MailTransport {
  return config.smtpUrl
    ? new SmtpMailTransport(config.smtpUrl, config)
    : new FileMailTransport(config.mailDir, config);
}
