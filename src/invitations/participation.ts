import { isStanding, SeatState } from '../registrations/seat-state';

export const PARTICIPATION_STATUSES = [
  'not_invited',
  'not_answered',
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'no_show',
] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/**
 * Where a member stands in a cycle: their seat if they hold or held one, otherwise whether they
 * were invited. A seat given up counts only when no other seat followed it.
 */
export function participationStatus(
  invited: boolean,
  seats: Array<{ state: SeatState; id: number }>,
): ParticipationStatus {
  const current = seats.find((s) => isStanding(s.state));
  if (current) return current.state as Exclude<SeatState, 'swap_waiting'>;
  if (seats.some((s) => s.state === 'cancelled')) return 'cancelled';
  return invited ? 'not_answered' : 'not_invited';
}
