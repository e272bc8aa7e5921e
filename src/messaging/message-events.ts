import { MessageKind } from './message-kinds';

/**
 * A planner's resend of a message whose link another module mints (a survey's): that module
 * writes the new outbox row under `key`, or throws why it cannot.
 */
export interface ResendRequested {
  original: { id: number; key: string; kind: MessageKind; memberId: number; seminarId: number | null };
  key: string;
}

declare module '../database/domain-events' {
  interface DomainEventMap {
    'message.resend_requested': ResendRequested;
  }
}
