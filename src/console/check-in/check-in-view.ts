import { formatDanishDateTime } from '../../common/danish-time';
import { formatDanishPeriod } from '../../messaging/mail-renderer';
import { CheckedIn, DoorList, DoorSeat, DoorSeminar } from '../../registrations/check-in.service';
import { danishCount } from '../statistics/dashboard-view';

const STATE_TEXT: Record<DoorSeat['state'], string> = {
  registered: 'Mangler',
  attended: 'Mødt',
  no_show: 'Udeblevet',
};

export const checkInHref = (seminarId: number) => `/seminarer/${seminarId}/fremmoede`;

/** "1 deltager" / "3 deltagere", for the counts and the no-show question. */
export function people(n: number): string {
  return n === 1 ? '1 deltager' : `${danishCount(n)} deltagere`;
}

/**
 * The door's seminars in the order a planner wants them: those running now and the coming ones by
 * start (so today's come first), then those held, the latest first.
 */
export function doorOrder<S extends Pick<DoorSeminar, 'startsAt' | 'endsAt'>>(seminars: S[], now: Date): S[] {
  const held = (s: S) => s.endsAt < now;
  const coming = seminars.filter((s) => !held(s)).sort((a, b) => +a.startsAt - +b.startsAt);
  const past = seminars.filter(held).sort((a, b) => +b.startsAt - +a.startsAt);
  return [...coming, ...past];
}

export function seminarRows(seminars: DoorSeminar[], now: Date) {
  return doorOrder(seminars, now).map((s) => ({
    title: s.title,
    href: checkInHref(s.id),
    when: formatDanishPeriod(s.startsAt, s.endsAt),
    now: s.startsAt <= now && now <= s.endsAt,
    held: s.endsAt < now,
    attended: danishCount(s.attended),
    expected: danishCount(s.expected),
    noShows: danishCount(s.noShows),
  }));
}

/** What the page says after a change; the name is looked up by seat, never carried in the address. */
export type DoorNotice =
  { kind: 'checked_in' | 'already' | 'undone'; registrationId: number } | { kind: 'no_shows'; count: number };

export function noticeText(notice: DoorNotice | null, list: DoorList): string | null {
  if (!notice) return null;
  if (notice.kind === 'no_shows')
    return `${people(notice.count)} er markeret som ${notice.count === 1 ? 'udeblevet' : 'udeblevne'}.`;
  const name = list.seats.find((s) => s.registrationId === notice.registrationId)?.name;
  if (!name) return null;
  if (notice.kind === 'checked_in') return `${name} er tjekket ind.`;
  if (notice.kind === 'already') return `${name} er allerede registreret.`;
  return `Fremmødet for ${name} er fortrudt.`;
}

/** The address a check-in leads back to, saying what happened. */
export function afterCheckIn(seminarId: number, result: CheckedIn): string {
  return `${checkInHref(seminarId)}?${result.already ? 'allerede' : 'tjekket'}=${result.registrationId}`;
}

const folded = (text: string) => text.toLocaleLowerCase('da').normalize('NFC');

/** The door's list, those matching the search, with counts over everyone. */
export function doorView(list: DoorList, municipalities: Map<number, string>, q: string) {
  const count = (state: DoorSeat['state']) => list.seats.filter((s) => s.state === state).length;
  const wanted = folded(q.trim());
  const shown = wanted ? list.seats.filter((s) => folded(s.name).includes(wanted)) : list.seats;
  const attended = count('attended');
  const expected = count('registered');
  return {
    when: formatDanishPeriod(list.seminar.startsAt, list.seminar.endsAt),
    open: list.open,
    opensAt: formatDanishDateTime(list.opensAt),
    counts: {
      attended: danishCount(attended),
      expected: danishCount(expected),
      noShows: danishCount(count('no_show')),
    },
    shownText: wanted
      ? `${people(shown.length)} passer på "${q.trim()}".`
      : `${people(list.seats.length)} har en plads.`,
    rows: shown.map((s) => ({
      registrationId: s.registrationId,
      name: s.name,
      municipality: municipalities.get(s.municipalityCode) ?? '',
      state: s.state,
      stateText: STATE_TEXT[s.state],
      attended: s.state === 'attended',
      expected: s.state === 'registered',
      noShow: s.state === 'no_show',
    })),
    rest: expected > 0 && list.open ? people(expected) : null,
  };
}
