import { DomainError } from '../common/domain-error';
import {
  holdsPlace,
  isActive,
  isStanding,
  nextSeatState,
  SEAT_ACTIONS,
  SEAT_STATES,
  SeatAction,
  SeatState,
} from './seat-state';

const ALLOWED: Array<[SeatState | null, SeatAction, SeatState]> = [
  [null, 'register', 'registered'],
  [null, 'waitlist', 'waitlisted'],
  [null, 'wish_swap', 'swap_waiting'],
  ['waitlisted', 'promote', 'registered'],
  ['swap_waiting', 'swap', 'registered'],
  ['swap_waiting', 'cancel', 'cancelled'],
  ['registered', 'cancel', 'cancelled'],
  ['waitlisted', 'cancel', 'cancelled'],
  ['registered', 'move', 'cancelled'],
  ['waitlisted', 'move', 'cancelled'],
  ['registered', 'mark_attended', 'attended'],
  ['no_show', 'mark_attended', 'attended'],
  ['registered', 'mark_no_show', 'no_show'],
  ['attended', 'mark_no_show', 'no_show'],
  ['attended', 'undo_attendance', 'registered'],
  ['no_show', 'undo_attendance', 'registered'],
];

const allowed = new Set(ALLOWED.map(([from, action]) => `${from}:${action}`));
const REFUSED: Array<[SeatState | null, SeatAction]> = [null, ...SEAT_STATES].flatMap((from) =>
  SEAT_ACTIONS.filter((action) => !allowed.has(`${from}:${action}`)).map(
    (action) => [from, action] as [SeatState | null, SeatAction],
  ),
);

describe('nextSeatState', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(nextSeatState(from, action)).toBe(to);
  });

  it.each(REFUSED)('refuses %s --%s--> with a conflict', (from, action) => {
    let error: unknown;
    try {
      nextSeatState(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'seat.transition_not_allowed',
      message: expect.stringMatching(/^Cannot /),
    });
  });

  it('covers every pair of state and action exactly once', () => {
    expect(ALLOWED.length + REFUSED.length).toBe((SEAT_STATES.length + 1) * SEAT_ACTIONS.length);
  });

  it('names the state in the refusal', () => {
    expect(() => nextSeatState('cancelled', 'promote')).toThrow('Cannot promote a cancelled seat');
    expect(() => nextSeatState(null, 'cancel')).toThrow('Cannot cancel a seat that does not exist');
  });
});

describe('holdsPlace, isActive and isStanding', () => {
  it.each<[SeatState, boolean, boolean, boolean]>([
    ['registered', true, true, true],
    ['waitlisted', false, true, true],
    ['swap_waiting', false, false, false],
    ['cancelled', false, false, false],
    ['attended', true, false, true],
    ['no_show', true, false, true],
  ])('%s: holds a place %s, active %s, says where the member stands %s', (state, place, active, standing) => {
    expect(holdsPlace(state)).toBe(place);
    expect(isActive(state)).toBe(active);
    expect(isStanding(state)).toBe(standing);
  });
});
