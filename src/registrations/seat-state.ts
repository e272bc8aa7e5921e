import { DomainError } from '../common/domain-error';

export const SEAT_STATES = ['registered', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export type SeatState = (typeof SEAT_STATES)[number];

/**
 * What can happen to a seat. `move` is what happens to the seat a member leaves when moving; the
 * seat they move to is taken with `register`.
 */
export const SEAT_ACTIONS = [
  'register',
  'waitlist',
  'promote',
  'cancel',
  'move',
  'mark_attended',
  'mark_no_show',
] as const;
export type SeatAction = (typeof SEAT_ACTIONS)[number];

/** `null` is a seat that does not exist yet. */
const TRANSITIONS: Record<SeatAction, { from: ReadonlyArray<SeatState | null>; to: SeatState }> = {
  register: { from: [null], to: 'registered' },
  waitlist: { from: [null], to: 'waitlisted' },
  promote: { from: ['waitlisted'], to: 'registered' },
  cancel: { from: ['registered', 'waitlisted'], to: 'cancelled' },
  move: { from: ['registered', 'waitlisted'], to: 'cancelled' },
  // Attendance can be corrected either way once recorded.
  mark_attended: { from: ['registered', 'no_show'], to: 'attended' },
  mark_no_show: { from: ['registered', 'attended'], to: 'no_show' },
};

/** The state a seat gets from an action, or a DomainError (409) naming why it cannot happen. */
export function nextSeatState(current: SeatState | null, action: SeatAction): SeatState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(current)) {
    const what = current === null ? 'a seat that does not exist' : `a ${current} seat`;
    throw new DomainError(
      'conflict',
      'seat.transition_not_allowed',
      `Cannot ${action.replace('_', ' ')} ${what}`,
    );
  }
  return transition.to;
}

/** Seats that count against a seminar's capacity. */
export function holdsPlace(state: SeatState): boolean {
  return state === 'registered' || state === 'attended' || state === 'no_show';
}

/** Seats that stop the member from taking another in the same cycle. */
export function isActive(state: SeatState): boolean {
  return state === 'registered' || state === 'waitlisted';
}
