import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
 * transaction that made the change. Messaging hooks in here to add its outbox rows.
 */
@Injectable()
export class SeatEventRecorder {
  async record(manager: EntityManager, event: SeatEvent): Promise<void> {
    const actor: Actor = event.actor.kind;
    await manager.insert(RegistrationEvent, {
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
    });
  }
}
