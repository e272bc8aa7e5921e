import { AddressInfo } from 'node:net';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BouncesService } from './bounces.service';

/** A notification is small; anything larger is no bounce worth reading. */
const MAX_BYTES = 1024 * 1024;

const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The inbound SMTP listener for bounces (on BOUNCE_SMTP_PORT, off when unset): the MX of
 * BOUNCE_DOMAIN points here. It takes mail only for return paths the app made (550 for any other
 * recipient, so it relays nothing), reads it in memory up to 1 MB, and answers 250 once the bounce
 * is recorded, or 451 (try later) when the database did not take it, so the remote server retries.
 * Started with the app and closed before the database when it stops.
 */
@Injectable()
export class BounceListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BounceListener.name);
  private server: SMTPServer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bounces: BouncesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { smtpPort, smtpHost } = this.config.bounces;
    if (smtpPort === undefined) return;
    const server = new SMTPServer({
      name: this.config.bounces.domain,
      banner: 'Kattegat: bounces only',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: MAX_BYTES,
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) =>
        this.bounces.accepts(address.address) ? callback() : callback(refusal(550, 'No such recipient here')),
      onData: (stream, session, callback) => this.read(stream, session.envelope.rcptTo, callback),
    });
    server.on('error', (error) => this.logger.error(`Bounce listener: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(smtpPort, smtpHost, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Bounce listener on ${smtpHost}:${this.port()}`);
  }

  /** The port it listens on (BOUNCE_SMTP_PORT, or the one chosen for 0), or undefined when off. */
  port(): number | undefined {
    return (this.server?.server.address() as AddressInfo | null)?.port;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private read(
    stream: SMTPServerDataStream,
    recipients: Array<{ address: string }>,
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) return callback(refusal(552, 'Too large for a delivery status notification'));
      this.bounces
        .receive(
          recipients.map((r) => r.address),
          Buffer.concat(chunks).toString('utf8'),
        )
        .then(
          () => callback(),
          (error: unknown) => {
            this.logger.error(
              `A bounce was not recorded: ${error instanceof Error ? error.message : String(error)}`,
            );
            callback(refusal(451, 'Try again later'));
          },
        );
    });
  }
}
