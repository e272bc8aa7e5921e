import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DomainEvents } from '../database/domain-events';
import { hashPersonalToken, newPersonalToken } from '../invitations/personal-token';
import { ResendRequested } from '../messaging/message-events';
import { EvaluationDelivery, EvaluationMailKind } from './evaluation-delivery';
import { EvaluationRequest } from './evaluation-request.entity';

const KINDS = new Set<string>(['evaluation_request', 'evaluation_reminder']);

/**
 * Sends a survey e-mail again when a planner asks (`message.resend_requested`): a new link for the
 * same request, whose hash replaces the one the e-mail sent before carried (that link stops
 * working: it may have gone to a wrong address), through the delivery's member-mail path to the
 * member's current address. The request still takes one answer whichever link brings it, and the
 * answer points to no request, so a resend reveals nothing more about who answered what.
 */
@Injectable()
export class EvaluationResends implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly delivery: EvaluationDelivery,
  ) {}

  onModuleInit(): void {
    this.events.on('message.resend_requested', (m, asked) => this.resend(m, asked));
  }

  async resend(m: EntityManager, { original, key }: ResendRequested, now = new Date()): Promise<void> {
    if (!KINDS.has(original.kind)) return;
    const kind = original.kind as EvaluationMailKind;
    // The key is `<kind>:<requestId>`, with `:resend:<n>` after it for a resend's resend.
    const requestId = Number(original.key.split(':')[1]);
    const request = await m.findOneBy(EvaluationRequest, { id: requestId, memberId: original.memberId });
    if (!request) throw refused('message.survey_gone', `Evaluation request ${requestId} no longer exists`);
    if (request.answered)
      throw refused('message.survey_answered', `Evaluation request ${requestId} is answered`);
    if (now >= request.closesAt)
      throw refused('message.survey_closed', `Evaluation request ${requestId} has closed`);
    const token = newPersonalToken();
    const hash = hashPersonalToken(token);
    await m.update(
      EvaluationRequest,
      { id: request.id },
      kind === 'evaluation_request' ? { tokenHash: hash } : { reminderTokenHash: hash },
    );
    const link = {
      requestId,
      memberId: request.memberId,
      seminarId: request.seminarId,
      token,
      closesAt: request.closesAt,
    };
    await this.delivery.resendEvaluation(m, link, kind, key);
  }
}

function refused(
  code: 'message.survey_gone' | 'message.survey_answered' | 'message.survey_closed',
  why: string,
) {
  return new DomainError('unprocessable', code, `${why}; there is no survey to send again`);
}
