import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Dialect } from '../database/dialect';
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
  constructor(
    private readonly events: DomainEvents,
    private readonly dialect: Dialect,
  ) {}

  /** Writes one event or many (an applied allocation writes thousands in a few statements). */
  async record(manager: EntityManager, events: SeatEvent | SeatEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    await insertRows(
      manager,
      this.dialect,
      list.map((event) => ({ ...event, invitationId: null })),
    );
    await this.events.publish(manager, 'seat.changed', list);
  }

  /** Writes the `invitation_issued` events of newly issued links (a bulk invitation writes hundreds). */
  async recordIssuedInvitations(manager: EntityManager, issued: IssuedInvitationRecord[]): Promise<void> {
    await insertRows(
      manager,
      this.dialect,
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

const EVENT_COLUMNS = [
  'kind',
  'cycle_id',
  'member_id',
  'registration_id',
  'seminar_id',
  'invitation_id',
  'actor',
  'staff_id',
  'calendar_sequence',
  'details',
] as const;

/**
 * A raw multi-row INSERT, 200 rows a statement: every booking writes one event, and TypeORM's
 * insert builder cost more than the row (see Dialect.raw). `created_at` is the column's default,
 * as with TypeORM's insert.
 */
async function insertRows(manager: EntityManager, dialect: Dialect, rows: EventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200).map(toRow);
    const parameters: Record<string, unknown> = {};
    const values = batch.map((row, n) => {
      for (const column of EVENT_COLUMNS) parameters[`${column}_${n}`] = row[column];
      return `(${EVENT_COLUMNS.map((column) => `:${column}_${n}`).join(', ')})`;
    });
    await dialect.raw(
      manager,
      `INSERT INTO registration_events (${EVENT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`,
      parameters,
    );
  }
}

function toRow(event: EventRow): Record<(typeof EVENT_COLUMNS)[number], unknown> {
  const actor: Actor = event.actor.kind;
  return {
    kind: event.kind,
    cycle_id: event.cycleId,
    member_id: event.memberId,
    registration_id: event.registrationId,
    seminar_id: event.seminarId,
    invitation_id: event.invitationId,
    actor,
    staff_id: event.actor.kind === 'planner' ? event.actor.staffId : null,
    calendar_sequence: event.calendarSequence,
    // As TypeORM's `simple-json` column keeps it.
    details: event.details ? JSON.stringify(event.details) : null,
  };
}
