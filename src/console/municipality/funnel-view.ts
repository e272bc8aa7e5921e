import { ParticipationStatus } from '../../invitations/participation';

export type StepState = 'done' | 'no' | 'open';

export interface FunnelStep {
  label: string;
  state: StepState;
}

const SEAT: Partial<Record<ParticipationStatus, { label: string; state: StepState }>> = {
  registered: { label: 'Tilmeldt', state: 'done' },
  attended: { label: 'Tilmeldt', state: 'done' },
  no_show: { label: 'Tilmeldt', state: 'done' },
  waitlisted: { label: 'På venteliste', state: 'done' },
  cancelled: { label: 'Meldt afbud', state: 'no' },
};

/**
 * A member's way through the funnel, step by step: invited → opened the link → booked (or on the
 * waiting list, or cancelled) → attended → evaluated. A step not reached is "open"; a no-show "no".
 */
export function funnelSteps(row: {
  invited: boolean;
  opened: boolean;
  status: ParticipationStatus;
  evaluated: boolean;
}): FunnelStep[] {
  const seat = SEAT[row.status] ?? { label: 'Tilmeldt', state: 'open' as const };
  return [
    { label: 'Inviteret', state: row.invited ? 'done' : 'open' },
    { label: 'Åbnede linket', state: row.opened ? 'done' : 'open' },
    seat,
    {
      label: row.status === 'no_show' ? 'Udeblev' : 'Deltog',
      state: row.status === 'attended' ? 'done' : row.status === 'no_show' ? 'no' : 'open',
    },
    { label: 'Evaluerede', state: row.evaluated ? 'done' : 'open' },
  ];
}

/** How many members reached each step, for the figures at the top. */
export function funnelTotals(rows: FunnelStep[][]) {
  const labels = [
    'Inviteret',
    'Åbnede linket',
    'Tilmeldt',
    'På venteliste',
    'Meldt afbud',
    'Deltog',
    'Evaluerede',
  ];
  return labels.map((label) => ({
    label,
    value: rows.filter((steps) => steps.some((s) => s.label === label && s.state !== 'open')).length,
  }));
}
