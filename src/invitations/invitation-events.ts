/** A personal link just issued to a member, with the raw token. */
export interface IssuedInvitation {
  invitationId: number;
  cycleId: number;
  memberId: number;
  /** The raw token: exists only here, inside the transaction that created the invitation. */
  token: string;
  expiresAt: Date;
}

declare module '../database/domain-events' {
  interface DomainEventMap {
    /**
     * Invitations issued in this transaction, the one moment their raw tokens exist: whoever
     * sends the link (messaging's invitation e-mail) does it in the same transaction. Never
     * stored or logged.
     */
    'invitation.issued': IssuedInvitation[];
  }
}
