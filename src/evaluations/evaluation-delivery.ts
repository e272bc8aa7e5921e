import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonalLinks } from '../invitations/personal-links';
import { MemberMail } from '../messaging/member-mail';

export type EvaluationMailKind = 'evaluation_request' | 'evaluation_reminder';

export interface EvaluationLink {
  requestId: number;
  memberId: number;
  seminarId: number;
  /** The raw token: exists only here, inside the transaction that stored its hash. */
  token: string;
  closesAt: Date;
}

/**
 * Hands survey links on, inside the transaction that created the requests or recorded the
 * reminders (the one moment the raw tokens exist). Tests replace it with a recorder of the
 * single-link methods; the batch methods hand each link to those unless a delivery does better.
 */
export abstract class EvaluationDelivery {
  abstract requestEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void>;

  abstract remindEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void>;

  /** The e-mail of `kind` once more, with a new link, under the resend's outbox `key`. */
  abstract resendEvaluation(
    manager: EntityManager,
    link: EvaluationLink,
    kind: EvaluationMailKind,
    key: string,
  ): Promise<void>;

  async requestEvaluations(manager: EntityManager, links: EvaluationLink[]): Promise<void> {
    for (const link of links) await this.requestEvaluation(manager, link);
  }

  async remindEvaluations(manager: EntityManager, links: EvaluationLink[]): Promise<void> {
    for (const link of links) await this.remindEvaluation(manager, link);
  }
}

/** Writes the survey e-mails, each with its survey link, through the member-mail pipeline. */
@Injectable()
export class MailedEvaluationDelivery extends EvaluationDelivery {
  constructor(
    private readonly mail: MemberMail,
    private readonly links: PersonalLinks,
  ) {
    super();
  }

  requestEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void> {
    return this.requestEvaluations(manager, [link]);
  }

  remindEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void> {
    return this.remindEvaluations(manager, [link]);
  }

  async resendEvaluation(
    manager: EntityManager,
    link: EvaluationLink,
    kind: EvaluationMailKind,
    key: string,
  ): Promise<void> {
    await this.send(manager, [link], kind, () => key);
  }

  override async requestEvaluations(manager: EntityManager, links: EvaluationLink[]): Promise<void> {
    await this.send(manager, links, 'evaluation_request');
  }

  override async remindEvaluations(manager: EntityManager, links: EvaluationLink[]): Promise<void> {
    await this.send(manager, links, 'evaluation_reminder');
  }

  private send(
    manager: EntityManager,
    links: EvaluationLink[],
    kind: EvaluationMailKind,
    keyOf = (link: EvaluationLink) => `${kind}:${link.requestId}`,
  ): Promise<number> {
    return this.mail.send(
      manager,
      links.map((link) => ({
        key: keyOf(link),
        memberId: link.memberId,
        seminarId: link.seminarId,
        link: this.links.surveyUrl(link.token),
        compose: ({ recipient, seminar, link: evaluationLink }) => ({
          kind,
          context: { recipient, seminar: seminar!, evaluationLink, deadline: link.closesAt },
        }),
      })),
    );
  }
}
