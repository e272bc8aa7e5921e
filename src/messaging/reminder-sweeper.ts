import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { runPeriodically } from '../common/periodic';
import { Transactor } from '../database/transactor';
import { PersonalLinks } from '../invitations/personal-links';
import { Seminar } from '../planning/seminar.entity';
import { Registration } from '../registrations/registration.entity';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { dueReminder } from './reminder-schedule';
import { loadRecipients, loadSeminarInfos } from './seminar-info';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reminders are counted in days; an hourly look is plenty. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Writes the reminders before a seminar (REMINDER_DAYS, e.g. 14 and 2 days) for every registered
 * seat of a published seminar, once per seat and day count (key `reminder:<registrationId>:<days>`).
 * Runs hourly in the server while the dispatcher runs, and as the CLI's `reminders`.
 */
@Injectable()
export class ReminderSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweeper.name);
  private stop: (() => void) | undefined;

  constructor(
    private readonly transactor: Transactor,
    private readonly outbox: OutboxService,
    private readonly links: PersonalLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.mail.dispatchIntervalMs <= 0 || this.config.mail.reminderDays.length === 0) return;
    this.stop = runPeriodically(SWEEP_INTERVAL_MS, () => this.sweep(), this.logger, 'Reminder sweep');
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  /** Enqueues the reminders due at `now`; returns how many were written. */
  async sweep(now = new Date()): Promise<number> {
    const days = this.config.mail.reminderDays;
    if (days.length === 0) return 0;
    const horizon = new Date(now.getTime() + Math.max(...days) * DAY_MS);
    return this.transactor.run(async (m) => {
      const seats = await m
        .createQueryBuilder(Registration, 'r')
        .innerJoinAndMapOne('r.seminar', Seminar, 's', 's.id = r.seminar_id')
        .where('r.state = :registered', { registered: 'registered' })
        .andWhere('s.status = :published', { published: 'published' })
        .andWhere('s.starts_at > :now AND s.starts_at <= :horizon', { now, horizon })
        .getMany();
      const due = seats
        .map((seat) => ({
          seat,
          days: dueReminder(now, { startsAt: seat.seminar!.startsAt, registeredAt: seat.createdAt }, days),
        }))
        .filter((d): d is { seat: Registration; days: number } => d.days !== null)
        .map((d) => ({ ...d, key: `reminder:${d.seat.id}:${d.days}` }));
      const sent = new Set<string>();
      for (let i = 0; i < due.length; i += 500) {
        const existing = await m.find(OutboxMessage, {
          where: { key: In(due.slice(i, i + 500).map((d) => d.key)) },
          select: { key: true },
        });
        for (const row of existing) sent.add(row.key);
      }
      const fresh = due.filter((d) => !sent.has(d.key));
      if (fresh.length === 0) return 0;
      const recipients = await loadRecipients(
        m,
        fresh.map((d) => d.seat.memberId),
      );
      const mailed = fresh.filter((d) => recipients.has(d.seat.memberId));
      const seminars = await loadSeminarInfos(
        m,
        mailed.map((d) => d.seat.seminarId),
      );
      const links = await this.links.mintLinks(
        m,
        mailed.map((d) => d.seat.memberId),
      );
      await this.outbox.enqueueMany(
        m,
        mailed.map(({ seat, days: daysBefore, key }) => ({
          key,
          kind: 'reminder',
          memberId: seat.memberId,
          seminarId: seat.seminarId,
          context: {
            recipient: recipients.get(seat.memberId)!,
            seminar: seminars.get(seat.seminarId)!,
            personalLink: links.get(seat.memberId)!,
            daysBefore,
          },
        })),
      );
      return mailed.length;
    });
  }
}
