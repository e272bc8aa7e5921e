import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BackgroundWork } from '../common/background-work';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { Registration } from '../registrations/registration.entity';
import { MemberMail, PAGE_LINK } from './member-mail';
import { dueReminder } from './reminder-schedule';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes the reminders before a seminar (REMINDER_DAYS, e.g. 14 and 2 days) for every registered
 * seat of a published seminar, once per seat and day count (key `reminder:<registrationId>:<days>`).
 * Runs every REMINDER_SWEEP_MINUTES in the server, and as the CLI's `reminders`.
 */
@Injectable()
export class ReminderSweeper implements OnApplicationBootstrap {
  constructor(
    private readonly transactor: Transactor,
    private readonly mail: MemberMail,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.mail.reminderDays.length === 0) return;
    this.background.every('Reminder sweep', this.config.reminderSweepMinutes * 60_000, () => this.sweep());
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
        .filter((d): d is { seat: Registration; days: number } => d.days !== null);
      return this.mail.send(
        m,
        due.map(({ seat, days: daysBefore }) => ({
          key: `reminder:${seat.id}:${daysBefore}`,
          memberId: seat.memberId,
          seminarId: seat.seminarId,
          link: PAGE_LINK,
          compose: ({ recipient, seminar, link }) => ({
            kind: 'reminder',
            context: { recipient, seminar: seminar!, personalLink: link, daysBefore },
          }),
        })),
      );
    });
  }
}
