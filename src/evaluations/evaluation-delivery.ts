import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
 * reminder. The messaging module replaces this with one that writes the e-mail (with
 * `${PUBLIC_BASE_URL}/evaluering/${token}`) to its outbox.
 */
@Injectable()
export class EvaluationDelivery {
  async requestEvaluation(_manager: EntityManager, _link: EvaluationLink): Promise<void> {}

  async remindEvaluation(_manager: EntityManager, _link: EvaluationLink): Promise<void> {}
}
