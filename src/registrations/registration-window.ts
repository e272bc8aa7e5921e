export type WindowState = 'not_open' | 'open' | 'closed';

export interface RegistrationTimes {
  opensAt: Date;
  closesAt: Date;
  deadline: Date;
}

/** Whether a member may take a seat now: the wave is open and neither it nor the seminar's deadline has passed. */
export function registrationWindow(now: Date, times: RegistrationTimes): WindowState {
  if (now < times.opensAt) return 'not_open';
  if (now >= times.closesAt || now >= times.deadline) return 'closed';
  return 'open';
}
