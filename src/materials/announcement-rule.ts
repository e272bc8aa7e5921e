/** A seat a member holds in the cycle, with when its seminar ends. */
export interface SeatToTell {
  memberId: number;
  seminarId: number;
  seminarEndsAt: Date;
}

/**
 * Who hears that a material is available, and in the context of which seminar: only members whose
 * seminar has not ended at `now` (a "read it before the course" e-mail after the course helps
 * nobody). A member with several seats is told once, for the seminar that comes first.
 */
export function seatsToTell(seats: SeatToTell[], now: Date): SeatToTell[] {
  const chosen = new Map<number, SeatToTell>();
  for (const seat of seats) {
    if (seat.seminarEndsAt.getTime() <= now.getTime()) continue;
    const before = chosen.get(seat.memberId);
    if (!before || seat.seminarEndsAt < before.seminarEndsAt) chosen.set(seat.memberId, seat);
  }
  return [...chosen.values()].sort((a, b) => a.memberId - b.memberId);
}
