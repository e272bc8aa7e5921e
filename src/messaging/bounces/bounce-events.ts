/** An address that a recipient's server refused after taking the message. */
export interface AddressBounced {
  messageId: number;
  memberId: number | null;
  status: string;
}

declare module '../../database/domain-events' {
  interface DomainEventMap {
    /** Published in the transaction that records the bounce; the address is marked from then on. */
    'address.bounced': AddressBounced;
  }
}
