import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainEvents } from '../database/domain-events';
import { Actor, EventDetails, EventKind, RegistrationEvent } from './registration-event.entity';
import { SeatActor, SeatEvent } from './seat-events';

/** An invitation (a personal link) issued to a member, as the seat record keeps it. */
export interface IssuedInvitationRecord {
  cycleId: number;
  memberId: number;
  invitationId: number;
  actor: SeatActor;
}

/**
 * The one place where seat and invitation events are written, always with the manager of the
 * transaction that made the change. Seat events are then published as `seat.changed`, so what
 * they call for (e-mails, links) is written in the same transaction by whoever handles them.
 */
@Injectable()
export class SeatEventRecorder {
  constructor(private readonly events: DomainEvents) {}

  /** Writes one event or many (an applied allocation writes thousands in a few statements). */
  async record(manager: EntityManager, events: SeatEvent | SeatEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    await insertRows(
      manager,
      list.map((event) => ({ ...event, invitationId: null })),
    );
    await this.events.publish(manager, 'seat.changed', list);
  }

  /** Writes the `invitation_issued` events of newly issued links (a bulk invitation writes hundreds). */
  async recordIssuedInvitations(manager: EntityManager, issued: IssuedInvitationRecord[]): Promise<void> {
    await insertRows(
      manager,
      issued.map((one) => ({
        ...one,
        kind: 'invitation_issued' as const,
        registrationId: null,
        seminarId: null,
        calendarSequence: null,
      })),
    );
  }

  /**
   * Dates recorded events to another moment. Only for the demo data set, which books in seconds
   * what members book over weeks: the events stay as they were recorded, only their time moves.
   */
  async backdate(manager: EntityManager, eventIds: number[], at: Date): Promise<void> {
    for (let i = 0; i < eventIds.length; i += 500) {
      await manager.update(RegistrationEvent, { id: In(eventIds.slice(i, i + 500)) }, { createdAt: at });
    }
  }
}

interface EventRow {
  kind: EventKind;
  cycleId: number;
  memberId: number;
  registrationId: number | null;
  seminarId: number | null;
  invitationId: number | null;
  actor: SeatActor;
  calendarSequence: number | null;
  details?: EventDetails;
}

async function insertRows(manager: EntityManager, rows: EventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RegistrationEvent)
      .values(rows.slice(i, i + 200).map(toRow))
      .updateEntity(false)
      .execute();
  }
}

function toRow(event: EventRow) {
  const actor: Actor = event.actor.kind;
  return {
    kind: event.kind,
    cycleId: event.cycleId,
    memberId: event.memberId,
    registrationId: event.registrationId,
    seminarId: event.seminarId,
    invitationId: event.invitationId,
    actor,
    staffId: event.actor.kind === 'planner' ? event.actor.staffId : null,
    calendarSequence: event.calendarSequence,
    details: event.details ?? null,
  };
}
