import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from './wait';

export interface ReceivedMail {
  raw: Buffer;
  /** The Message-ID header, which the app derives from the outbox key. */
  messageId: string;
  recipients: string[];
  /** The envelope sender (MAIL FROM), where bounces go. */
  mailFrom: string;
  /** The queue id the sink answered with: `250 Ok: queued as <queueId>`. */
  queueId: string;
}

export interface SmtpSinkOptions {
  port?: number;
  /** Wait this long before answering each DATA (a slow server). */
  delayMs?: number;
  /** Return a reply code to refuse this message (e.g. 421 or 550); undefined accepts it. */
  refuse?: (messageId: string) => number | undefined;
  /** Skip reading the Message-ID (the benchmark wants the sink as cheap as possible). */
  countOnly?: boolean;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  count: number;
  /** How often each Message-ID arrived. */
  deliveries(): Map<string, number>;
  parse(mail: Pick<ReceivedMail, 'raw'> & Partial<ReceivedMail>): Promise<ParsedMail>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Drop idle client connections at once on close (a server going down), not after 30 s.
    closeTimeout: 100,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const answer = () => {
          if (options.countOnly) {
            count++;
            return callback();
          }
          const header = raw.subarray(0, Math.min(raw.length, 8192)).toString('latin1');
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? '';
          const code = options.refuse?.(messageId);
          if (code !== undefined) {
            return callback(
              Object.assign(new Error(`Refused by the test server (${code})`), { responseCode: code }),
            );
          }
          count++;
          const { mailFrom, rcptTo } = session.envelope;
          // Like Postfix: a queue id of its own for every message taken.
          const queueId = `SINK${String(count).padStart(6, '0')}`;
          received.push({
            raw,
            messageId,
            recipients: rcptTo.map((r) => r.address),
            mailFrom: mailFrom ? mailFrom.address : '',
            queueId,
          });
          callback(null, `2.0.0 Ok: queued as ${queueId}`);
        };
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  // A client that vanishes (a killed dispatcher) resets its connection; that is the test, not a fault.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    get count() {
      return count;
    },
    deliveries() {
      const byId = new Map<string, number>();
      for (const mail of received) byId.set(mail.messageId, (byId.get(mail.messageId) ?? 0) + 1);
      return byId;
    },
    parse: (mail) => simpleParser(mail.raw),
    async waitFor(n, timeoutMs = 20000) {
      await waitUntil(() => count >= n, {
        timeoutMs,
        what: `${n} messages (${count} arrived)`,
        intervalMs: 20,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
