import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BackgroundWork } from '../common/background-work';
import { Transactor } from '../database/transactor';
import { MemberMail, PAGE_LINK } from '../messaging/member-mail';
import { MaterialAnnouncement, MaterialsService } from './materials.service';

/**
 * Writes the "materials available" e-mails once a material's date has come: one per entitled
 * member whose seminar has not ended (key `materials:<materialId>:<memberId>`), in the transaction that marks the material
 * announced, so a second sweep or a second instance writes nothing. Every MATERIALS_SWEEP_MINUTES
 * in the server, and in the CLI's `reminders`.
 */
@Injectable()
export class MaterialsAnnouncer implements OnApplicationBootstrap {
  constructor(
    private readonly materials: MaterialsService,
    private readonly transactor: Transactor,
    private readonly mail: MemberMail,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.background.every('Materials announcement', this.config.materialsSweepMinutes * 60_000, () =>
      this.sweep(),
    );
  }

  /** Announces every material available at `now`; returns how many e-mails were written. */
  async sweep(now = new Date()): Promise<number> {
    let written = 0;
    for (const announcement of await this.materials.announcementsDue(now)) {
      written += await this.announce(announcement, now);
    }
    return written;
  }

  private announce(announcement: MaterialAnnouncement, now: Date): Promise<number> {
    return this.transactor.run(async (m) => {
      if (!(await this.materials.markAnnounced(m, announcement.materialId, now))) return 0;
      // Asked again inside the transaction: a seat given up since the list was made is not told.
      const seats = await this.materials.seatsToTell(m, announcement, now);
      return this.mail.send(
        m,
        seats.map((seat) => ({
          key: `materials:${announcement.materialId}:${seat.memberId}`,
          memberId: seat.memberId,
          seminarId: seat.seminarId,
          link: PAGE_LINK,
          compose: ({ recipient, seminar, link }) => ({
            kind: 'materials',
            context: {
              recipient,
              seminar: seminar!,
              personalLink: link,
              materials: [{ title: announcement.title }],
            },
          }),
        })),
      );
    });
  }
}
