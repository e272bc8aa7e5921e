import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainEvents } from '../database/domain-events';
import { Registration } from '../registrations/registration.entity';
import { SeatEvent } from '../registrations/seat-events';
import { MemberMail, PAGE_LINK } from './member-mail';
import { CancellationReason } from './message-kinds';
import { seatMessage, SeatMessage } from './seat-messages';
import { loadVenues, organizerOf } from './seminar-info';

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
 * Turns seat events (`seat.changed`) into e-mails in the same transaction, through the member-mail
 * pipeline: the members, seminars, venues and agendas are read once per call, not per event (an
 * applied allocation records thousands of events at once); each message carries a freshly
 * minted personal link.
 */
@Injectable()
export class SeatMessenger implements OnModuleInit {
  constructor(
    private readonly mail: MemberMail,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.on('seat.changed', (manager, events) => this.send(manager, events));
  }

  async send(manager: EntityManager, events: SeatEvent[]): Promise<void> {
    const seatEvents = events.filter((e) => MAILED.has(e.kind));
    if (seatEvents.length === 0) return;
    const waiting = await waitingSeats(
      manager,
      seatEvents.filter((e) => e.kind === 'seminar_changed').map((e) => e.registrationId),
    );
    // A change is news for a held seat; a waiting member hears the new time if promoted.
    const news = seatEvents.filter((e) => !(e.kind === 'seminar_changed' && waiting.has(e.registrationId)));
    const previousVenues = await loadVenues(
      manager,
      news.filter((e) => e.kind === 'seminar_changed').map((e) => Number(e.details?.previousVenueId)),
    );
    const positions = await this.waitingPositions(
      manager,
      news.filter((e) => e.kind === 'waitlisted').map((e) => e.registrationId),
    );
    const organizer = organizerOf(this.config.mailFrom);
    await this.mail.send(
      manager,
      news.map((event) => ({
        key: keyOf(event),
        memberId: event.memberId,
        seminarId: event.seminarId,
        link: PAGE_LINK,
        compose: ({ recipient, seminar, link }) =>
          event.kind === 'waitlisted'
            ? {
                kind: 'waiting_list',
                context: {
                  recipient,
                  seminar: seminar!,
                  personalLink: link,
                  position: positions.get(event.registrationId) ?? 1,
                },
              }
            : seatMessage(
                {
                  registrationId: event.registrationId,
                  sequence: event.calendarSequence,
                  memberId: event.memberId,
                  recipient,
                  seminar: seminar!,
                  personalLink: link,
                  organizer,
                },
                messageFor(event, previousVenues),
              ),
      })),
    );
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
function keyOf(event: SeatEvent): string {
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
  return `${kind}:${event.registrationId}:${event.calendarSequence}`;
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

function messageFor(
  event: SeatEvent,
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
