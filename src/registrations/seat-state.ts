import { DomainError } from '../common/domain-error';

/** `swap_waiting`: a place on a waiting list held beside a registered seat elsewhere (a swap wish). */
export const SEAT_STATES = [
  'registered',
  'waitlisted',
  'swap_waiting',
  'cancelled',
  'attended',
  'no_show',
] as const;
export type SeatState = (typeof SEAT_STATES)[number];

/**
 * What can happen to a seat. `move` is what happens to the seat a member leaves when moving; the
 * seat they move to is taken with `register`. `wish_swap` joins a waiting list while keeping a
 * seat; `swap` gives the wish its seat (and the seat left behind is `move`d).
 */
export const SEAT_ACTIONS = [
  'register',
  'waitlist',
  'wish_swap',
  'promote',
  'swap',
  'cancel',
  'move',
  'mark_attended',
  'mark_no_show',
  'undo_attendance',
] as const;
export type SeatAction = (typeof SEAT_ACTIONS)[number];

/** `null` is a seat that does not exist yet. */
const TRANSITIONS: Record<SeatAction, { from: ReadonlyArray<SeatState | null>; to: SeatState }> = {
  register: { from: [null], to: 'registered' },
  waitlist: { from: [null], to: 'waitlisted' },
  wish_swap: { from: [null], to: 'swap_waiting' },
  promote: { from: ['waitlisted'], to: 'registered' },
  swap: { from: ['swap_waiting'], to: 'registered' },
  cancel: { from: ['registered', 'waitlisted', 'swap_waiting'], to: 'cancelled' },
  move: { from: ['registered', 'waitlisted'], to: 'cancelled' },
  // Attendance can be corrected either way once recorded.
  mark_attended: { from: ['registered', 'no_show'], to: 'attended' },
  mark_no_show: { from: ['registered', 'attended'], to: 'no_show' },
  // A tick at the door taken back: the member is expected again, neither come nor absent.
  undo_attendance: { from: ['attended', 'no_show'], to: 'registered' },
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

/** Seats on a seminar's waiting list, plain or held beside a seat elsewhere; one list, by number. */
export const WAITING_STATES: readonly SeatState[] = ['waitlisted', 'swap_waiting'];

/** The seat that says where the member stands: anything but a cancelled seat or a swap wish. */
export function isStanding(state: SeatState): boolean {
  return state !== 'cancelled' && state !== 'swap_waiting';
}
