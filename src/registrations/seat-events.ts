import { EventDetails, EventKind } from './registration-event.entity';
import { SeatState } from './seat-state';

export type SeatActor = { kind: 'member' } | { kind: 'planner'; staffId: number } | { kind: 'system' };

/** What can happen to a seat (an invitation is recorded beside them, but is not a seat change). */
export type SeatEventKind = Exclude<EventKind, 'invitation_issued'>;

/**
 * THE seat event: what happened to one seat, who did it, and the seat's calendar sequence after
 * the change. Registrations records it (a row in registration_events) and publishes it as
 * `seat.changed`; messaging turns it into e-mails with personal links.
 */
export interface SeatEvent {
  kind: SeatEventKind;
  cycleId: number;
  memberId: number;
  registrationId: number;
  seminarId: number;
  actor: SeatActor;
  calendarSequence: number;
  /** The seat whose UID the member's calendar entry carries (this one's, or the one it continues). */
  calendarSeatId: number;
  /** Kind-specific facts, e.g. `{ fromSeminarId }` for a move or the old times of a changed seminar. */
  details?: EventDetails;
}

/** Attendance recorded at a seminar: the seats whose attendance was given, as they are now. */
export interface AttendanceRecorded {
  seminar: { id: number; cycleId: number; endsAt: Date };
  seats: Array<{ memberId: number; state: SeatState }>;
}

declare module '../database/domain-events' {
  interface DomainEventMap {
    /** Seats changed, in the order they changed; an applied allocation publishes thousands at once. */
    'seat.changed': SeatEvent[];
    'attendance.recorded': AttendanceRecorded;
  }
}
