import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxService } from '../messaging/outbox.service';
import { loadRecipients, loadSeminarInfos } from '../messaging/seminar-info';

export interface EvaluationLink {
  requestId: number;
  memberId: number;
  seminarId: number;
  /** The raw token: exists only here, inside the transaction that stored its hash. */
  token: string;
  closesAt: Date;
}

/**
 * Hands a survey link on, inside the transaction that created the request or recorded the
 * reminder (the one moment the raw token exists). Tests replace it with a recorder.
 */
export abstract class EvaluationDelivery {
  abstract requestEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void>;

  abstract remindEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void>;
}

/** Writes the survey e-mail with `${PUBLIC_BASE_URL}/evaluering/${token}` to the outbox. */
@Injectable()
export class MailedEvaluationDelivery extends EvaluationDelivery {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  requestEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void> {
    return this.send(manager, link, 'evaluation_request');
  }

  remindEvaluation(manager: EntityManager, link: EvaluationLink): Promise<void> {
    return this.send(manager, link, 'evaluation_reminder');
  }

  private async send(
    manager: EntityManager,
    link: EvaluationLink,
    kind: 'evaluation_request' | 'evaluation_reminder',
  ): Promise<void> {
    const recipients = await loadRecipients(manager, [link.memberId]);
    const seminars = await loadSeminarInfos(manager, [link.seminarId]);
    const recipient = recipients.get(link.memberId);
    const seminar = seminars.get(link.seminarId);
    if (!recipient || !seminar) return;
    await this.outbox.enqueue(manager, {
      key: `${kind}:${link.requestId}`,
      kind,
      memberId: link.memberId,
      seminarId: link.seminarId,
      context: {
        recipient,
        seminar,
        evaluationLink: `${this.config.publicBaseUrl}/evaluering/${link.token}`,
        deadline: link.closesAt,
      },
    });
  }
}
