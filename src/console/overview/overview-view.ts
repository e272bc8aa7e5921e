import { ParticipationStatus } from '../../invitations/participation';
import { WaveFigures } from '../../statistics/figures';
import { danishCount } from '../statistics/dashboard-view';

type Counts = Record<ParticipationStatus, number>;

/** The funnel's boxes on the overview, each a link to the member list with that status. */
export function funnelFigures(cycleId: number, counts: Counts, invited: number) {
  const total = Object.values(counts).reduce((n, c) => n + c, 0);
  const list = (status?: string) => `/valgperioder/${cycleId}/medlemmer${status ? `?status=${status}` : ''}`;
  return [
    { label: 'Medlemmer', value: danishCount(total), href: list() },
    { label: 'Inviteret', value: danishCount(invited), href: list('invited') },
    { label: 'Ikke inviteret', value: danishCount(counts.not_invited), href: list('not_invited') },
    { label: 'Ikke svaret', value: danishCount(counts.not_answered), href: list('not_answered') },
    {
      label: 'Tilmeldt',
      value: danishCount(counts.registered + counts.attended + counts.no_show),
      href: list('registered'),
    },
    { label: 'På venteliste', value: danishCount(counts.waitlisted), href: list('waitlisted') },
    { label: 'Meldt afbud', value: danishCount(counts.cancelled), href: list('cancelled') },
  ];
}

/** Each wave's seats: capacity of its seminars that are not cancelled, held, and left. */
export function waveRows(waves: WaveFigures[]) {
  return waves.map((w) => ({
    name: w.name,
    seminars: danishCount(w.seminars),
    capacity: danishCount(w.capacity),
    taken: danishCount(w.registered),
    left: danishCount(Math.max(0, w.capacity - w.registered)),
    waitlisted: danishCount(w.waitlisted),
  }));
}
