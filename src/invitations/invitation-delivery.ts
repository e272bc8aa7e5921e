import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface IssuedInvitation {
  invitationId: number;
  cycleId: number;
  memberId: number;
  /** The raw token: exists only here, inside the transaction that created the invitation. */
  token: string;
  expiresAt: Date;
}

/**
 * Hands a newly issued personal link on, inside the transaction that issued it. This is the one
 * moment the raw token exists: the messaging module replaces this with one that writes the
 * invitation e-mail (with `${PUBLIC_BASE_URL}/p/${token}`) to its outbox.
 */
@Injectable()
export class InvitationDelivery {
  async deliver(_manager: EntityManager, _issued: IssuedInvitation): Promise<void> {}
}
