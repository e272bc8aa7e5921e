import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Dialect } from '../database/dialect';
import { DomainEvents } from '../database/domain-events';
import { checkInImagePath } from '../registrations/check-in-code';
import { CheckInService } from '../registrations/check-in.service';
import { Registration } from '../registrations/registration.entity';
import { SeatEvent } from '../registrations/seat-events';
import { WAITING_STATES } from '../registrations/seat-state';
import { MemberMail } from './member-mail';
import { CancellationReason, SeminarInfo } from './message-kinds';
import { seatDraft, SeatMessage } from './seat-messages';
import { loadSeminarInfos, loadVenues } from './seminar-info';

/**
 * The seat events a member hears of. A move is one e-mail about the new seat (`moved`, `swapped`);
 * the seat left behind (`moved_away`) and a withdrawn swap wish say nothing of their own.
 */
const MAILED = new Set([
  'registered',
  'waitlisted',
  'swap_wished',
  'promoted',
  'moved',
  'swapped',
  'reinstated',
  'cancelled',
  'seminar_cancelled',
  'seminar_changed',
]);
const WAITING_KINDS = new Set(['waitlisted', 'swap_wished']);
const MOVE_KINDS = new Set(['moved', 'swapped']);

/**
 * Turns seat events (`seat.changed`) into drafts of e-mails in the same transaction (MemberMail's
 * `draft`): what each is to say, as true now, read once per call, not per event (an applied
 * allocation records thousands of events at once). The dispatcher writes them out, each with a
 * freshly minted personal link, so the seat's transaction holds the seminar's lock only briefly.
 */
@Injectable()
export class SeatMessenger implements OnModuleInit {
  constructor(
    private readonly mail: MemberMail,
    private readonly events: DomainEvents,
    private readonly checkIns: CheckInService,
    private readonly dialect: Dialect,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The code for the door, as the mails about a held seat show it. */
  private checkInOf(event: SeatEvent) {
    const code = this.checkIns.codeFor({ seminarId: event.seminarId, registrationId: event.registrationId });
    return { code, imageUrl: `${this.config.publicBaseUrl}${checkInImagePath(code)}` };
  }

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
      news.filter((e) => WAITING_KINDS.has(e.kind)).map((e) => e.registrationId),
    );
    // The seminar a moved seat came from, and the one a swap wish keeps its seat at.
    const earlier = await loadSeminarInfos(
      manager,
      news.flatMap((e) => (e.details?.fromSeminarId ? [Number(e.details.fromSeminarId)] : [])),
    );
    const kept = await loadSeminarInfos(
      manager,
      news.flatMap((e) => (e.details?.keptSeminarId ? [Number(e.details.keptSeminarId)] : [])),
    );
    await this.mail.draft(
      manager,
      news.map((event) =>
        WAITING_KINDS.has(event.kind)
          ? {
              key: `waiting_list:${event.registrationId}:${event.calendarSequence}`,
              kind: 'waiting_list',
              memberId: event.memberId,
              seminarId: event.seminarId,
              context: {
                position: positions.get(event.registrationId) ?? 1,
                keptSeminar: kept.get(Number(event.details?.keptSeminarId))?.title ?? null,
              },
            }
          : seatDraft(
              {
                registrationId: event.registrationId,
                calendarSeatId: event.calendarSeatId,
                sequence: event.calendarSequence,
                memberId: event.memberId,
                seminarId: event.seminarId,
                checkIn: this.checkInOf(event),
              },
              messageFor(event, previousVenues, earlier),
            ),
      ),
    );
  }

  /**
   * Place on the waiting list now: how many wait at the seminar with the same or a lower number.
   * Counted by the database, in one statement however many: a rush puts hundreds on one list, and
   * reading the whole list for every new place on it made each booking slower than the last.
   */
  private async waitingPositions(manager: EntityManager, registrationIds: number[]) {
    const positions = new Map<number, number>();
    if (registrationIds.length === 0) return positions;
    for (let i = 0; i < registrationIds.length; i += 500) {
      const { rows } = await this.dialect.raw<{ id: number; position: number | string }>(
        manager,
        `SELECT r.id, (
           SELECT COUNT(*) FROM registrations w
           WHERE w.seminar_id = r.seminar_id AND w.state IN (:...waiting)
             AND COALESCE(w.waitlist_number, 0) <= COALESCE(r.waitlist_number, 0)
         ) AS position
         FROM registrations r WHERE r.id IN (:...ids)`,
        { ids: registrationIds.slice(i, i + 500), waiting: WAITING_STATES },
      );
      for (const row of rows) positions.set(Number(row.id), Number(row.position));
    }
    return positions;
  }
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
  earlier: Map<number, SeminarInfo>,
): SeatMessage {
  if (MOVE_KINDS.has(event.kind)) {
    const from = earlier.get(Number(event.details!.fromSeminarId))!;
    return {
      kind: 'move',
      swapped: event.kind === 'swapped',
      previous: { title: from.title, start: from.start, end: from.end, venue: from.venue },
    };
  }
  switch (event.kind) {
    case 'registered':
    case 'reinstated':
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
