import { isStanding, SeatState } from '../registrations/seat-state';

export const PARTICIPATION_STATUSES = [
  'not_invited',
  'not_answered',
  'declined',
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'no_show',
] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/**
 * Where a member stands in a cycle: their seat if they hold or held one, otherwise whether they
 * declined or were invited. A seat given up counts only when no other seat followed it; a swap
 * wish beside a seat says nothing of its own.
 */
export function participationStatus(
  invited: boolean,
  seats: Array<{ state: SeatState; id: number }>,
  declined = false,
): ParticipationStatus {
  const current = seats.find((s) => isStanding(s.state));
  if (current) return current.state as Exclude<SeatState, 'swap_waiting'>;
  if (declined) return 'declined';
  if (seats.some((s) => s.state === 'cancelled')) return 'cancelled';
  return invited ? 'not_answered' : 'not_invited';
}
