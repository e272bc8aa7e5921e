import { formatDanishDate, formatDanishDateTime, formatDanishTime } from '../../common/danish-time';
import { SeminarStatus } from '../../planning/seminar.entity';
import { ListedSeminar } from '../../planning/seminars.service';
import { Wave } from '../../planning/wave.entity';
import { PageRequest } from '../../web/page-request';
import { Crumb } from '../shell/console-page';

export const PLAN_CRUMB: Crumb = { label: 'Planlægning', href: '/planlaegning' };

export const SEMINAR_STATUS_TEXT: Record<SeminarStatus, string> = {
  draft: 'Kladde',
  published: 'Offentliggjort',
  cancelled: 'Aflyst',
  completed: 'Afholdt',
};

export const planPath = (cycleId: number) => `/valgperioder/${cycleId}/planlaegning`;

/** A path parameter that is an id, or null (a refused form's page finds its record by it). */
export function idParam(req: PageRequest, name: string): number | null {
  const id = (req.params as Record<string, string | undefined>)[name];
  return id && /^\d+$/.test(id) ? Number(id) : null;
}

/** `torsdag den 15. januar 2026 kl. 13.00 – lørdag den 17. januar 2026 kl. 13.00`, the end's day left out when the same. */
export function danishSpan(from: Date, to: Date): string {
  // The same Copenhagen day when the Danish dates read the same: those are remembered per instant,
  // where toLocal() would format both instants again on every plan page.
  const sameDay = formatDanishDate(from) === formatDanishDate(to);
  return `${formatDanishDateTime(from)} – ${sameDay ? `kl. ${formatDanishTime(to)}` : formatDanishDateTime(to)}`;
}

export function waveWindow(wave: Wave): string {
  return `${formatDanishDateTime(wave.registrationOpensAt)} – ${formatDanishDateTime(wave.registrationClosesAt)}`;
}

/** A seminar as a row of the plan: when, where, seats and status. */
export function seminarRow(s: ListedSeminar) {
  return {
    id: s.id,
    title: s.title,
    day: formatDanishDate(s.startsAt),
    when: danishSpan(s.startsAt, s.endsAt),
    venue: s.venue?.name ?? '',
    seats: `${s.taken} af ${s.capacity}`,
    status: SEMINAR_STATUS_TEXT[s.status],
    cancelled: s.status === 'cancelled',
  };
}

/** The options of a select, the one with `selected` marked. */
export function optionsOf<T>(items: T[], value: (t: T) => string, label: (t: T) => string, selected: string) {
  return items.map((t) => ({ value: value(t), label: label(t), selected: value(t) === selected }));
}
