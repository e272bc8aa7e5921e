import { InviteJob } from '../../invitations/invite-jobs';
import { RegisterStatus, STATUS_IN_DANISH } from '../../invitations/member-register';
import { danishCount } from '../statistics/dashboard-view';

/** The board's counts in the order a member passes them, each the member register's status filter. */
export const BOARD_STATUSES: readonly RegisterStatus[] = [
  'invited',
  'opened',
  'registered',
  'waitlisted',
  'declined',
  'cancelled',
  'not_answered',
  'attended',
  'no_show',
];

/** Where the board (and its lists) look: all of the cycle, one municipality or one region; one wave's seats. */
export interface Area {
  kommune?: number;
  region?: number;
  boelge?: number;
}

/** `?kommune=…&region=…` and more, empty values left out. */
export function areaQuery(area: Area, more: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const where = { kommune: area.kommune, region: area.region, boelge: area.boelge };
  for (const [key, value] of Object.entries({ ...where, ...more }))
    if (value !== undefined && String(value) !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The board's boxes: label, count and the member list behind the count. */
export function boardFigures(
  cycleId: number,
  area: Area,
  counts: Map<RegisterStatus, number>,
  statuses: readonly RegisterStatus[] = BOARD_STATUSES,
) {
  return statuses.map((status) => ({
    status,
    label: status === 'registered' ? 'Tilmeldt i alt' : STATUS_IN_DANISH[status],
    value: danishCount(counts.get(status) ?? 0),
    href: `/valgperioder/${cycleId}/medlemmer${areaQuery(area, { status })}`,
  }));
}

/** "1 påmindelse" / "212 påmindelser". */
export function reminders(n: number): string {
  return `${danishCount(n)} ${n === 1 ? 'påmindelse' : 'påmindelser'}`;
}

/** "1 nyvalgt" / "212 nyvalgte". */
export function newlyElected(n: number): string {
  return `${danishCount(n)} ${n === 1 ? 'nyvalgt' : 'nyvalgte'}`;
}

/** An invitation job's line: what it has done, and whether the page should keep looking. */
export function inviteJobLine(job: InviteJob) {
  const handled = job.invited + job.alreadyInvited;
  const skipped =
    job.alreadyInvited === 0
      ? ''
      : ` ${danishCount(job.alreadyInvited)} havde allerede en invitation og fik ikke en ny.`;
  if (job.status === 'running')
    return {
      running: true,
      failed: false,
      percent: job.total === 0 ? 0 : Math.floor((100 * handled) / job.total),
      text: `Inviterer: ${danishCount(handled)} af ${newlyElected(job.total)} er behandlet.`,
    };
  if (job.status === 'failed')
    return {
      running: false,
      failed: true,
      percent: null,
      text: `Invitationen stoppede efter ${danishCount(handled)} af ${danishCount(job.total)}. ${danishCount(job.invited)} nåede at blive inviteret.`,
    };
  return {
    running: false,
    failed: false,
    percent: null,
    text: `Færdig: ${newlyElected(job.invited)} er inviteret.${skipped}`,
  };
}
