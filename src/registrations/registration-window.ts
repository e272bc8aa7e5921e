export type WindowState = 'not_open' | 'open' | 'closed';

export interface RegistrationTimes {
  opensAt: Date;
  closesAt: Date;
  deadline: Date;
}

/** Whether a member may take a seat now: the wave is open and neither it nor the seminar's deadline has passed. */
export function registrationWindow(now: Date, times: RegistrationTimes): WindowState {
  // As numbers: comparing Dates converts each through Symbol.toPrimitive, and the personal page
  // asks this for every seminar on every view (a tenth of its model's building).
  const at = now.getTime();
  if (at < times.opensAt.getTime()) return 'not_open';
  if (at >= times.closesAt.getTime() || at >= times.deadline.getTime()) return 'closed';
  return 'open';
}
