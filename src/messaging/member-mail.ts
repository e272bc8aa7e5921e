import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PersonalLinks } from '../invitations/personal-links';
import { CalendarEventInput } from './calendar';
import { MailDraft } from './mail-drafts';
import { MailRequest, Recipient, SeminarInfo } from './message-kinds';
import { OutboxMessage } from './outbox-message.entity';
import { EnqueueMessage, OutboxService } from './outbox.service';
import { loadRecipients, loadSeminarInfos } from './seminar-info';

/** An item's `link`: mint a fresh personal link to the member's page for this e-mail. */
export const PAGE_LINK = 'page';

/** What the pipeline has loaded for one e-mail. */
export interface MailParts {
  recipient: Recipient;
  /** The seminar named by the item's `seminarId`, with venue and agenda. */
  seminar: SeminarInfo | undefined;
  /** The page link minted for the member, or the item's own ready URL. */
  link: string;
}

export type ComposedMail = MailRequest & { calendar?: CalendarEventInput; sendAfter?: Date };

/** One e-mail to one member. */
export interface MemberMailItem {
  /** Unique per cause, e.g. `reminder:<registrationId>:<days>`: an item whose key is in the outbox is dropped. */
  key: string;
  memberId: number;
  /** The seminar the e-mail is about: loaded for `compose` and kept on the outbox row. */
  seminarId?: number;
  /** PAGE_LINK for a freshly minted link to the member's page, or a ready URL (an invitation, a survey). */
  link: typeof PAGE_LINK | string;
  /** The kind and its context (and a calendar file), from what was loaded. */
  compose(parts: MailParts): ComposedMail;
}

/**
 * THE way an e-mail to a member is written, for every sender (seat changes, reminders,
 * materials, evaluations, invitations), in the caller's transaction and in a few statements
 * however many there are: drop the items already in the outbox → load the recipients (not
 * erased, with an address) → load the seminars → mint page links only for those still mailed →
 * compose → render and insert (`enqueueMany`). Returns how many e-mails were written.
 */
@Injectable()
export class MemberMail {
  constructor(
    private readonly outbox: OutboxService,
    private readonly links: PersonalLinks,
  ) {}

  async send(manager: EntityManager, items: MemberMailItem[]): Promise<number> {
    if (items.length === 0) return 0;
    // A repeated cause finds its message written already; no link is minted for it.
    const existing = await existingKeys(
      manager,
      items.map((item) => item.key),
    );
    const fresh = [
      ...new Map(items.filter((item) => !existing.has(item.key)).map((i) => [i.key, i])).values(),
    ];
    if (fresh.length === 0) return 0;
    const recipients = await loadRecipients(
      manager,
      fresh.map((item) => item.memberId),
    );
    const mailed = fresh.filter((item) => recipients.has(item.memberId));
    if (mailed.length === 0) return 0;
    const seminars = await loadSeminarInfos(
      manager,
      mailed.flatMap((item) => (item.seminarId === undefined ? [] : [item.seminarId])),
    );
    const pageLinks = await this.links.mintLinks(
      manager,
      mailed.filter((item) => item.link === PAGE_LINK).map((item) => item.memberId),
    );
    const messages: EnqueueMessage[] = mailed.map((item) => ({
      ...item.compose({
        recipient: recipients.get(item.memberId)!,
        seminar: item.seminarId === undefined ? undefined : seminars.get(item.seminarId),
        link: item.link === PAGE_LINK ? pageLinks.get(item.memberId)! : item.link,
      }),
      key: item.key,
      memberId: item.memberId,
      seminarId: item.seminarId ?? null,
    }));
    await this.outbox.enqueueMany(manager, messages);
    return messages.length;
  }

  /**
   * Writes e-mails about seminars as drafts (OutboxService's `enqueueDrafts`) for the dispatcher to
   * write out: only the recipients and the seminars are read here, so a booking's transaction
   * stays short. A draft whose key is in the outbox already is ignored.
   */
  async draft(manager: EntityManager, drafts: MailDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const recipients = await loadRecipients(
      manager,
      drafts.map((d) => d.memberId),
    );
    const mailed = drafts.filter((d) => recipients.has(d.memberId));
    if (mailed.length === 0) return;
    const seminars = await loadSeminarInfos(
      manager,
      mailed.map((d) => d.seminarId),
    );
    await this.outbox.enqueueDrafts(
      manager,
      mailed.map((draft) => ({
        draft,
        recipient: recipients.get(draft.memberId)!,
        seminar: seminars.get(draft.seminarId)!,
      })),
    );
  }
}

async function existingKeys(manager: EntityManager, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await manager.find(OutboxMessage, {
      where: { key: In(keys.slice(i, i + 500)) },
      select: { key: true },
    });
    for (const row of rows) found.add(row.key);
  }
  return found;
}
