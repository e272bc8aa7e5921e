import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PersonalLinks } from '../invitations/personal-links';
import { Registration } from '../registrations/registration.entity';
import type { SeatEvent as RecordedSeatEvent } from '../registrations/seat-event-recorder';
import { CancellationReason } from './message-kinds';
import { OutboxMessage } from './outbox-message.entity';
import { EnqueueMessage, OutboxService } from './outbox.service';
import { seatMessage, SeatMessage } from './seat-messages';
import { loadRecipients, loadSeminarInfos, loadVenues, organizerOf } from './seminar-info';

const MAILED = new Set([
  'registered',
  'waitlisted',
  'promoted',
  'moved',
  'moved_away',
  'cancelled',
  'seminar_cancelled',
  'seminar_changed',
]);

/**
 * Turns recorded seat events into outbox messages in the same transaction. Members, seminars,
 * venues and agendas are read once per call, not per event (an applied allocation records
 * thousands of events at once); each message carries a freshly minted personal link.
 */
@Injectable()
export class SeatMessenger {
  constructor(
    private readonly outbox: OutboxService,
    private readonly links: PersonalLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(manager: EntityManager, events: RecordedSeatEvent[]): Promise<void> {
    const seatEvents = events.filter(
      (e) => MAILED.has(e.kind) && e.registrationId !== undefined && e.seminarId !== undefined,
    );
    if (seatEvents.length === 0) return;
    const recipients = await loadRecipients(
      manager,
      seatEvents.map((e) => e.memberId),
    );
    // A repeated event finds its message written already; no link is minted for it.
    const existing = await existingKeys(manager, seatEvents.map(keyOf));
    const waiting = await waitingSeats(
      manager,
      seatEvents.filter((e) => e.kind === 'seminar_changed').map((e) => e.registrationId!),
    );
    // A change is news for a held seat; a waiting member hears the new time if promoted.
    const mailed = seatEvents.filter(
      (e) =>
        recipients.has(e.memberId) &&
        !existing.has(keyOf(e)) &&
        !(e.kind === 'seminar_changed' && waiting.has(e.registrationId!)),
    );
    if (mailed.length === 0) return;
    const seminars = await loadSeminarInfos(
      manager,
      mailed.map((e) => e.seminarId!),
    );
    const previousVenues = await loadVenues(
      manager,
      mailed.filter((e) => e.kind === 'seminar_changed').map((e) => Number(e.details?.previousVenueId)),
    );
    const positions = await this.waitingPositions(
      manager,
      mailed.filter((e) => e.kind === 'waitlisted').map((e) => e.registrationId!),
    );
    const links = await this.links.mintLinks(
      manager,
      mailed.map((e) => e.memberId),
    );
    const organizer = organizerOf(this.config.mailFrom);
    const messages: EnqueueMessage[] = [];
    for (const event of mailed) {
      const seminar = seminars.get(event.seminarId!)!;
      const seat = {
        registrationId: event.registrationId!,
        sequence: event.calendarSequence ?? 0,
        memberId: event.memberId,
        recipient: recipients.get(event.memberId)!,
        seminar,
        personalLink: links.get(event.memberId)!,
        organizer,
      };
      if (event.kind === 'waitlisted') {
        messages.push({
          key: keyOf(event),
          kind: 'waiting_list',
          memberId: seat.memberId,
          seminarId: seminar.id,
          context: {
            recipient: seat.recipient,
            seminar,
            personalLink: seat.personalLink,
            position: positions.get(seat.registrationId) ?? 1,
          },
        });
        continue;
      }
      const message = messageFor(event, previousVenues);
      messages.push(seatMessage(seat, message));
    }
    await this.outbox.enqueueMany(manager, messages);
  }

  /** Place on the waiting list now: how many wait at the seminar with the same or a lower number. */
  private async waitingPositions(manager: EntityManager, registrationIds: number[]) {
    const positions = new Map<number, number>();
    if (registrationIds.length === 0) return positions;
    const seats = await manager.find(Registration, { where: { id: In(registrationIds) } });
    const waiting = await manager.find(Registration, {
      where: { seminarId: In([...new Set(seats.map((s) => s.seminarId))]), state: 'waitlisted' },
      select: { id: true, seminarId: true, waitlistNumber: true },
    });
    for (const seat of seats) {
      positions.set(
        seat.id,
        waiting.filter(
          (w) => w.seminarId === seat.seminarId && (w.waitlistNumber ?? 0) <= (seat.waitlistNumber ?? 0),
        ).length,
      );
    }
    return positions;
  }
}

/** The outbox key seatMessage gives the event's message. */
function keyOf(event: RecordedSeatEvent): string {
  const kind =
    event.kind === 'waitlisted'
      ? 'waiting_list'
      : event.kind === 'seminar_changed'
        ? 'change'
        : event.kind === 'promoted'
          ? 'promotion'
          : event.kind === 'registered' || event.kind === 'moved'
            ? 'confirmation'
            : 'cancellation';
  return `${kind}:${event.registrationId}:${event.calendarSequence ?? 0}`;
}

async function waitingSeats(manager: EntityManager, registrationIds: number[]): Promise<Set<number>> {
  if (registrationIds.length === 0) return new Set();
  const found = new Set<number>();
  for (let i = 0; i < registrationIds.length; i += 500) {
    const rows = await manager.find(Registration, {
      where: { id: In(registrationIds.slice(i, i + 500)), state: 'waitlisted' },
      select: { id: true },
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
}

async function existingKeys(manager: EntityManager, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await manager.find(OutboxMessage, {
      where: { key: In(keys.slice(i, i + 500)) },
      select: { key: true },
    });
    for (const row of rows) found.add(row.key);
  }
  return found;
}

function messageFor(
  event: RecordedSeatEvent,
  previousVenues: Map<number, { name: string; address: string }>,
): SeatMessage {
  switch (event.kind) {
    case 'registered':
    case 'moved':
      return { kind: 'confirmation' };
    case 'promoted':
      return { kind: 'promotion' };
    case 'seminar_changed':
      return {
        kind: 'change',
        previous: {
          start: new Date(String(event.details!.previousStartsAt)),
          end: new Date(String(event.details!.previousEndsAt)),
          venue: previousVenues.get(Number(event.details!.previousVenueId))!,
        },
      };
    default: {
      const reason: CancellationReason =
        event.kind === 'seminar_cancelled'
          ? 'seminar_cancelled'
          : event.actor.kind === 'member'
            ? 'member'
            : 'planner';
      return { kind: 'cancellation', reason, note: null };
    }
  }
}
