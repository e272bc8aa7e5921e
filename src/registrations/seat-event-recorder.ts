import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SeatMessenger } from '../messaging/seat-messenger';
import { Actor, EventDetails, EventKind, RegistrationEvent } from './registration-event.entity';

export type SeatActor = { kind: 'member' } | { kind: 'planner'; staffId: number } | { kind: 'system' };

export interface SeatEvent {
  kind: EventKind;
  cycleId: number;
  memberId: number;
  registrationId?: number;
  seminarId?: number;
  invitationId?: number;
  actor: SeatActor;
  calendarSequence?: number;
  details?: EventDetails;
}

/**
 * The one place where seat and invitation events are written, always with the manager of the
 * transaction that made the change; the e-mails the events call for are written with them.
 */
@Injectable()
export class SeatEventRecorder {
  constructor(private readonly messenger: SeatMessenger) {}

  /** Writes one event or many (a bulk invitation writes hundreds in a few statements). */
  async record(manager: EntityManager, events: SeatEvent | SeatEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    for (let i = 0; i < list.length; i += 200) {
      await manager.insert(RegistrationEvent, list.slice(i, i + 200).map(toRow));
    }
    await this.messenger.send(manager, list);
  }
}

function toRow(event: SeatEvent) {
  const actor: Actor = event.actor.kind;
  return {
    kind: event.kind,
    cycleId: event.cycleId,
    memberId: event.memberId,
    registrationId: event.registrationId ?? null,
    seminarId: event.seminarId ?? null,
    invitationId: event.invitationId ?? null,
    actor,
    staffId: event.actor.kind === 'planner' ? event.actor.staffId : null,
    calendarSequence: event.calendarSequence ?? null,
    details: event.details ?? null,
  };
}
