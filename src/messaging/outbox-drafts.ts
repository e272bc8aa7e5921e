import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { caseById, namedQuery } from '../database/named-query';
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

  /**
   * The batch ready to send: drafts written out, those that could not be left out. The written
   * drafts are saved in one statement (an applied allocation makes thousands of them, and this
   * runs in the claim's transaction, which on SQLite holds up every other write).
   */
  async writeOut(manager: EntityManager, batch: OutboxMessage[]): Promise<OutboxMessage[]> {
    const drafts = batch.filter((m) => m.draft !== null);
    if (drafts.length === 0) return batch;
    const links = await this.links.mintLinks(
      manager,
      drafts.map((m) => m.memberId!),
    );
    const organizer = organizerOf(this.config.mailFrom);
    const written: OutboxMessage[] = [];
    const failed = new Map<string, number[]>();
    for (const message of drafts) {
      const personalLink = links.get(message.memberId!);
      const columns = personalLink
        ? this.written(message, personalLink, organizer)
        : 'Medlemmet findes ikke længere';
      if (typeof columns === 'string') failed.set(columns, [...(failed.get(columns) ?? []), message.id]);
      else written.push(Object.assign(message, columns));
    }
    await saveWritten(manager, written);
    for (const [reason, ids] of failed) {
      await manager.update(
        OutboxMessage,
        { id: In(ids) },
        { status: 'failed', lastError: reason, lockedUntil: null },
      );
    }
    // Those that failed keep their draft; the others are ready.
    return batch.filter((m) => m.draft === null);
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
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
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

const WRITTEN_COLUMNS = [
  ['subject', 'subject'],
  ['html', 'html'],
  ['text', 'text'],
  ['ics', 'ics'],
  ['ics_filename', 'icsFilename'],
] as const;

/** The written-out columns of many messages, each its own, in one UPDATE. */
async function saveWritten(manager: EntityManager, written: OutboxMessage[]): Promise<void> {
  if (written.length === 0) return;
  const parameters: Record<string, unknown> = { ids: written.map((m) => m.id) };
  const set = WRITTEN_COLUMNS.map(
    ([column, field]) =>
      `${column} = ${caseById(
        field,
        written.map((m) => [m.id, m[field]]),
        parameters,
      )}`,
  );
  await namedQuery(
    manager,
    `UPDATE outbox_messages SET ${set.join(', ')}, draft = NULL WHERE id IN (:...ids)`,
    parameters,
  );
}
