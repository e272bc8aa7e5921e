import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { parseKept } from './mail-drafts';
import { MailRequest, MessageKind } from './message-kinds';
import { MemberMail, PAGE_LINK } from './member-mail';
import { OutboxMessage } from './outbox-message.entity';
import { LOG_COLUMNS } from './outbox.service';

/** Their link is a survey's: the evaluations mint it and write the resend (`message.resend_requested`). */
const LINKED_ELSEWHERE = new Set<MessageKind>(['evaluation_request', 'evaluation_reminder']);

/**
 * Sends a message again, as a NEW row `<key>:resend:<n>` through the member-mail pipeline: to the
 * member's CURRENT address and name, the seminar as it is now, a freshly minted link to the
 * member's page (the old one may have been revoked by a new invitation, as src/invitations does),
 * the body rendered afresh from the kept context; the calendar file is the original's (same UID
 * and SEQUENCE). The original keeps its status, error and bounces, so the log shows both. A survey
 * e-mail is written by the evaluations, asked through `message.resend_requested` in the same
 * transaction (messaging does not know them).
 */
@Injectable()
export class MessageResender {
  constructor(
    private readonly transactor: Transactor,
    private readonly mail: MemberMail,
    private readonly events: DomainEvents,
  ) {}

  resend(id: number): Promise<OutboxMessage> {
    return this.transactor.run(async (manager) => {
      const original = await manager.findOne(OutboxMessage, { where: { id } });
      if (!original) throw DomainError.notFound('Message', id);
      refuseUnlessResendable(original);
      const resends = await manager
        .createQueryBuilder(OutboxMessage, 'm')
        .where('m.key LIKE :prefix', { prefix: `${original.key.replace(/%/g, '')}:resend:%` })
        .getCount();
      const key = `${original.key}:resend:${resends + 1}`;
      if (LINKED_ELSEWHERE.has(original.kind)) {
        const { kind, seminarId } = original;
        await this.events.publish(manager, 'message.resend_requested', {
          original: { id, key: original.key, kind, memberId: original.memberId!, seminarId },
          key,
        });
      } else {
        await this.rewrite(manager, original, key);
      }
      const written = await manager.findOne(OutboxMessage, { where: { key }, select: { id: true } });
      if (!written) {
        throw new DomainError(
          'unprocessable',
          'message.no_address',
          `Member ${original.memberId} has no address to send to (or has been erased)`,
        );
      }
      await keepCalendar(manager, key, original);
      return manager.findOneOrFail(OutboxMessage, { where: { key }, select: LOG_COLUMNS });
    });
  }

  /** The body rendered afresh from the kept context, with a fresh link to the member's page. */
  private async rewrite(manager: EntityManager, original: OutboxMessage, key: string): Promise<void> {
    const kept = parseKept(original.context!);
    await this.mail.send(manager, [
      {
        key,
        memberId: original.memberId!,
        seminarId: original.seminarId ?? undefined,
        link: PAGE_LINK,
        compose: ({ recipient, seminar, link }) =>
          ({
            kind: original.kind,
            context: { ...kept, recipient, ...(seminar ? { seminar } : {}), personalLink: link },
          }) as MailRequest,
      },
    ]);
  }
}

function refuseUnlessResendable(original: OutboxMessage): void {
  if (original.status === 'pending' || original.status === 'sending') {
    throw new DomainError(
      'conflict',
      'message.not_finished',
      `Message ${original.id} is still ${original.status}; it has not finished yet`,
    );
  }
  if (original.memberId === null || (original.context === null && !LINKED_ELSEWHERE.has(original.kind))) {
    throw new DomainError(
      'unprocessable',
      'message.not_resendable',
      `Message ${original.id} cannot be sent again: it was written before resends kept its context, or to no member`,
    );
  }
}

async function keepCalendar(manager: EntityManager, key: string, original: OutboxMessage): Promise<void> {
  if (!original.ics) return;
  await manager.update(OutboxMessage, { key }, { ics: original.ics, icsFilename: original.icsFilename });
}
