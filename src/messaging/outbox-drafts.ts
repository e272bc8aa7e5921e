import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PersonalLinks } from '../invitations/personal-links';
import { buildCalendar } from './calendar';
import { calendarFilename, CalendarSpec, filledDraft, parseKept } from './mail-drafts';
import { MailRenderer } from './mail-renderer';
import { MailRequest, SeminarInfo } from './message-kinds';
import { OutboxMessage } from './outbox-message.entity';
import { organizerOf } from './seminar-info';

/**
 * Writes out the drafts among a batch the dispatcher has just claimed, in the claim's transaction:
 * a fresh personal link per message (its token row commits with the claim), the body, the .ics,
 * all saved on the row, so the log and a resend see what went out. A crash before this leaves the
 * draft for the next dispatcher. A draft that cannot be written fails for good, with the reason,
 * instead of holding up the messages behind it.
 */
@Injectable()
export class OutboxDrafts {
  private readonly logger = new Logger(OutboxDrafts.name);

  constructor(
    private readonly renderer: MailRenderer,
    private readonly links: PersonalLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The batch ready to send: drafts written out, those that could not be left out. */
  async writeOut(manager: EntityManager, batch: OutboxMessage[]): Promise<OutboxMessage[]> {
    const drafts = batch.filter((m) => m.draft !== null);
    if (drafts.length === 0) return batch;
    const links = await this.links.mintLinks(
      manager,
      drafts.map((m) => m.memberId!),
    );
    const organizer = organizerOf(this.config.mailFrom);
    const failed = new Set<number>();
    for (const message of drafts) {
      const personalLink = links.get(message.memberId!);
      const written = personalLink
        ? this.written(message, personalLink, organizer)
        : 'Medlemmet findes ikke længere';
      if (typeof written === 'string') {
        failed.add(message.id);
        await manager.update(
          OutboxMessage,
          { id: message.id },
          { status: 'failed', lastError: written, lockedUntil: null },
        );
        continue;
      }
      Object.assign(message, written);
      await manager.update(OutboxMessage, { id: message.id }, written);
    }
    return batch.filter((m) => !failed.has(m.id));
  }

  /** The columns of the written message, or why it cannot be written. */
  private written(message: OutboxMessage, personalLink: string, organizer: ReturnType<typeof organizerOf>) {
    const { seminar, calendar } = parseKept<{ seminar: SeminarInfo; calendar: CalendarSpec | null }>(
      message.draft!,
    );
    const filled = filledDraft(
      {
        key: message.key,
        kind: message.kind,
        memberId: message.memberId!,
        seminarId: message.seminarId!,
        context: parseKept(message.context!),
        calendar: calendar ?? undefined,
      },
      {
        recipient: { name: message.recipientName, email: message.recipientEmail },
        seminar,
        personalLink,
        organizer,
      },
    );
    try {
      const rendered = this.renderer.render(filled as MailRequest);
      const ics = filled.calendar ? buildCalendar(filled.calendar) : null;
      return {
        ...rendered,
        ics,
        icsFilename: ics ? calendarFilename(filled.calendar!) : null,
        draft: null,
      };
    } catch (error) {
      // The technical text goes to the log; the message page shows the planner a Danish reason.
      this.logger.error(
        `Message ${message.id} could not be written: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'E-mailen kunne ikke skrives ud fra sin skabelon';
    }
  }
}
