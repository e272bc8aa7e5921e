import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { AppMetrics } from '../metrics/app-metrics';
import { classifySendError } from './delivery-policy';
import { MailTransport, OutgoingMail } from './mail-transport';
import { OutboxMessage } from './outbox-message.entity';

const WAITING = ['pending', 'sending', 'failed'] as const;

/** What a failed send is counted under: the SMTP reply code, or the network error's code. */
export function failureCode(error: unknown): string {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') return String(e.responseCode);
  return typeof e.code === 'string' && /^[A-Z_]{1,30}$/.test(e.code) ? e.code : 'unknown';
}

/** Counts every message handed to the transport, and every failure by its code. */
export class MeteredMailTransport implements MailTransport {
  constructor(
    private readonly inner: MailTransport,
    private readonly sent: Counter<'outcome'>,
    private readonly failures: Counter<'code' | 'temporary'>,
  ) {}

  async send(mail: OutgoingMail): Promise<string | null> {
    try {
      const answer = await this.inner.send(mail);
      this.sent.inc({ outcome: 'sent' });
      return answer;
    } catch (error) {
      this.sent.inc({ outcome: 'failed' });
      this.failures.inc({ code: failureCode(error), temporary: String(classifySendError(error).temporary) });
      throw error;
    }
  }

  close(): void {
    this.inner.close();
  }
}

/** The outbox as an operator watches it: how much waits, for how long, and how sending goes. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  private readonly logger = new Logger(OutboxMetrics.name);
  readonly sent: Counter<'outcome'>;
  readonly failures: Counter<'code' | 'temporary'>;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly dataSource: DataSource,
  ) {
    const registers = [metrics.registry];
    this.sent = new Counter({
      name: 'kattegat_mail_sends_total',
      help: 'Messages handed to the mail transport, by outcome',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.failures = new Counter({
      name: 'kattegat_mail_send_failures_total',
      help: 'Failed sends by SMTP reply code (or network error code), and whether they will be retried',
      labelNames: ['code', 'temporary'] as const,
      registers,
    });
  }

  meter(transport: MailTransport): MailTransport {
    return new MeteredMailTransport(transport, this.sent, this.failures);
  }

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const outbox = this.dataSource.getRepository(OutboxMessage);
    const logger = this.logger;
    new Gauge({
      name: 'kattegat_outbox_messages',
      help: 'Outbox messages not sent: pending, being sent, or failed for good',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        try {
          const rows = await outbox
            .createQueryBuilder('m')
            .select('m.status', 'status')
            .addSelect('COUNT(*)', 'n')
            .where({ status: In([...WAITING]) })
            .groupBy('m.status')
            .getRawMany<{ status: string; n: string | number }>();
          for (const status of WAITING) {
            this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
          }
        } catch (error) {
          this.reset();
          logger.warn(`Outbox metrics: ${(error as Error).message}`);
        }
      },
    });
    new Gauge({
      name: 'kattegat_outbox_due_messages',
      help: 'Pending messages whose time to be sent has come',
      registers,
      async collect() {
        this.set(
          await outbox
            .countBy({ status: 'pending', nextAttemptAt: LessThanOrEqual(new Date()) })
            .catch(() => 0),
        );
      },
    });
    new Gauge({
      name: 'kattegat_outbox_oldest_due_age_seconds',
      help: 'How long the oldest due message has waited to be sent (0 when none is due)',
      registers,
      async collect() {
        const now = new Date();
        const oldest = await outbox
          .findOne({
            where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
            order: { nextAttemptAt: 'ASC' },
            select: { id: true, nextAttemptAt: true },
          })
          .catch(() => null);
        this.set(oldest ? Math.max(0, (now.getTime() - oldest.nextAttemptAt.getTime()) / 1000) : 0);
      },
    });
  }
}
