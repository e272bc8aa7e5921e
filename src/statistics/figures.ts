import { danishCompare } from '../common/danish-order';

/**
 * Statistics arithmetic: the database hands over counts grouped by municipality and list letter,
 * by seminar and by event; these functions roll them up. No I/O, so each rule is tested alone.
 */

/** Counts of the newly elected members of a group (see README "Statistics" for each definition). */
export interface Participation {
  newlyElected: number;
  invited: number;
  /** Answered "Jeg kan ikke deltage" and hold no seat and no waiting place. */
  declined: number;
  registered: number;
  waitlisted: number;
  attended: number;
  noShows: number;
}

export interface ParticipationFigures extends Participation {
  /** Attended ÷ newly elected, 0–1 with four decimals; null when nobody was newly elected. */
  coverage: number | null;
}

/** One row of the grouped member query. */
export interface MemberGroup extends Participation {
  municipalityCode: number;
  listLetter: string;
}

export interface MunicipalityRef {
  code: number;
  name: string;
  regionCode: number;
}

export interface RegionRef {
  code: number;
  name: string;
}

export interface PartyRef {
  letter: string;
  name: string;
}

export const LOCAL_LISTS = 'Lokallister';

const KEYS: Array<keyof Participation> = [
  'newlyElected',
  'invited',
  'declined',
  'registered',
  'waitlisted',
  'attended',
  'noShows',
];

/** A share rounded to four decimals; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

function empty(): Participation {
  return { newlyElected: 0, invited: 0, declined: 0, registered: 0, waitlisted: 0, attended: 0, noShows: 0 };
}

function add(into: Participation, from: Participation): void {
  for (const key of KEYS) into[key] += from[key];
}

function withCoverage(p: Participation): ParticipationFigures {
  return { ...p, coverage: rate(p.attended, p.newlyElected) };
}

function sum(groups: Participation[]): Participation {
  const total = empty();
  for (const g of groups) add(total, g);
  return total;
}

export function totals(groups: MemberGroup[]): ParticipationFigures {
  return withCoverage(sum(groups));
}

export interface MunicipalityFigures extends ParticipationFigures {
  municipalityCode: number;
  name: string;
  regionCode: number;
}

/** Every municipality, also those without a single newly elected member. */
export function byMunicipality(
  groups: MemberGroup[],
  municipalities: MunicipalityRef[],
): MunicipalityFigures[] {
  const counts = new Map<number, Participation>();
  for (const g of groups) {
    const into = counts.get(g.municipalityCode) ?? empty();
    add(into, g);
    counts.set(g.municipalityCode, into);
  }
  return [...municipalities]
    .sort((a, b) => a.code - b.code)
    .map((m) => ({
      municipalityCode: m.code,
      name: m.name,
      regionCode: m.regionCode,
      ...withCoverage(counts.get(m.code) ?? empty()),
    }));
}

export interface RegionFigures extends ParticipationFigures {
  regionCode: number;
  name: string;
}

export function byRegion(
  groups: MemberGroup[],
  municipalities: MunicipalityRef[],
  regions: RegionRef[],
): RegionFigures[] {
  const perMunicipality = byMunicipality(groups, municipalities);
  return [...regions]
    .sort((a, b) => a.code - b.code)
    .map((r) => ({
      regionCode: r.code,
      name: r.name,
      ...withCoverage(sum(perMunicipality.filter((m) => m.regionCode === r.code))),
    }));
}

export interface PartyFigures extends ParticipationFigures {
  /** The national list letter; null for the local lists taken together. */
  letter: string | null;
  name: string;
}

/**
 * Every national party (letters from the parties table), then all local lists as one row: a local
 * list's letter means a different list in each municipality, so grouping by it would mix them.
 */
export function byParty(groups: MemberGroup[], parties: PartyRef[]): PartyFigures[] {
  const national = new Map(parties.map((p) => [p.letter, empty()]));
  const local = empty();
  for (const g of groups) add(national.get(g.listLetter) ?? local, g);
  return [
    ...[...parties]
      .sort((a, b) => danishCompare(a.letter, b.letter))
      .map((p) => ({ letter: p.letter, name: p.name, ...withCoverage(national.get(p.letter)!) })),
    { letter: null, name: LOCAL_LISTS, ...withCoverage(local) },
  ];
}

/** One row of the grouped seminar query: seats by state among all members, not only the newly elected. */
export interface SeminarCounts {
  seminarId: number;
  title: string;
  waveId: number;
  venue: string;
  startsAt: Date;
  status: string;
  capacity: number;
  registered: number;
  waitlisted: number;
  attended: number;
  noShows: number;
}

/** What a wave's figures need of each of its seminars. */
export type SeminarSeats = Pick<
  SeminarCounts,
  'waveId' | 'status' | 'capacity' | 'registered' | 'waitlisted' | 'attended' | 'noShows'
>;

export interface SeminarFigures extends Omit<SeminarCounts, 'startsAt'> {
  startsAt: string;
  /** Seats held (registered + attended + no-show) ÷ capacity. */
  fillRate: number | null;
}

export function seminarFigures(rows: SeminarCounts[]): SeminarFigures[] {
  return [...rows]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.seminarId - b.seminarId)
    .map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), fillRate: rate(s.registered, s.capacity) }));
}

export interface WaveRef {
  id: number;
  name: string;
  registrationOpensAt: Date;
}

export interface WaveFigures {
  waveId: number;
  name: string;
  seminars: number;
  capacity: number;
  registered: number;
  waitlisted: number;
  attended: number;
  noShows: number;
  fillRate: number | null;
}

/** Cancelled seminars offer no seats, so their capacity is left out of a wave's. */
export function byWave(waves: WaveRef[], seminars: SeminarSeats[]): WaveFigures[] {
  return [...waves]
    .sort((a, b) => a.registrationOpensAt.getTime() - b.registrationOpensAt.getTime() || a.id - b.id)
    .map((w) => {
      const own = seminars.filter((s) => s.waveId === w.id);
      const capacity = own.filter((s) => s.status !== 'cancelled').reduce((n, s) => n + s.capacity, 0);
      const registered = own.reduce((n, s) => n + s.registered, 0);
      return {
        waveId: w.id,
        name: w.name,
        seminars: own.length,
        capacity,
        registered,
        waitlisted: own.reduce((n, s) => n + s.waitlisted, 0),
        attended: own.reduce((n, s) => n + s.attended, 0),
        noShows: own.reduce((n, s) => n + s.noShows, 0),
        fillRate: rate(registered, capacity),
      };
    });
}

/** The event kinds the timeline counts; a seminar called off cancels its seats too. */
export const TIMELINE_KINDS = [
  'registered',
  'promoted',
  'waitlisted',
  'cancelled',
  'seminar_cancelled',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineDay {
  /** The day in Copenhagen, YYYY-MM-DD. */
  date: string;
  /** Seats taken directly plus seats given from the waiting list. */
  registrations: number;
  waitlisted: number;
  cancellations: number;
  /** Registrations up to and including this day. */
  cumulativeRegistrations: number;
}

const copenhagenDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Copenhagen of an instant, YYYY-MM-DD. */
export function dayInCopenhagen(at: Date): string {
  return copenhagenDay.format(at);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Events per Copenhagen day, every day from the first to the last event (quiet days as zeros). */
export function dailyTimeline(events: Array<{ kind: TimelineKind; at: Date; count: number }>): TimelineDay[] {
  const days = new Map<string, { registrations: number; waitlisted: number; cancellations: number }>();
  for (const e of events) {
    const day = dayInCopenhagen(e.at);
    const into = days.get(day) ?? { registrations: 0, waitlisted: 0, cancellations: 0 };
    if (e.kind === 'waitlisted') into.waitlisted += e.count;
    else if (e.kind === 'cancelled' || e.kind === 'seminar_cancelled') into.cancellations += e.count;
    else into.registrations += e.count;
    days.set(day, into);
  }
  if (days.size === 0) return [];
  const sorted = [...days.keys()].sort();
  const last = sorted[sorted.length - 1];
  const result: TimelineDay[] = [];
  let cumulative = 0;
  for (let date = sorted[0]; date <= last; date = nextDay(date)) {
    const d = days.get(date) ?? { registrations: 0, waitlisted: 0, cancellations: 0 };
    cumulative += d.registrations;
    result.push({ date, ...d, cumulativeRegistrations: cumulative });
  }
  return result;
}
