import { danishNumber, toCsv } from '../common/csv';
import {
  MunicipalityFigures,
  ParticipationFigures,
  PartyFigures,
  RegionFigures,
  SeminarFigures,
  TimelineDay,
  WaveFigures,
} from './figures';
import { CycleComparison, Summary } from './statistics.service';

/**
 * The statistics as Danish Excel opens them: Danish headers, decimal comma, shares as percentages
 * with one decimal (an empty cell where there is nothing to divide by).
 */
const PARTICIPATION_HEADER = [
  'Nyvalgte',
  'Inviterede',
  'Meldt fra',
  'Tilmeldte',
  'På venteliste',
  'Deltog',
  'Udeblev',
  'Dækning (%)',
];

const percent = (share: number | null) => danishNumber(share === null ? null : share * 100, 1);
const count = (n: number) => String(n);

function participation(p: ParticipationFigures): string[] {
  return [p.newlyElected, p.invited, p.declined, p.registered, p.waitlisted, p.attended, p.noShows]
    .map(count)
    .concat(percent(p.coverage));
}

export function summaryCsv(s: Summary): string {
  const t = s.totals;
  return toCsv(
    ['Nøgletal', 'Værdi'],
    [
      ['Valgperiode', s.cycle.code],
      ['Nyvalgte', count(t.newlyElected)],
      ['Inviterede', count(t.invited)],
      ['Meldt fra', count(t.declined)],
      ['Tilmeldte', count(t.registered)],
      ['På venteliste', count(t.waitlisted)],
      ['Deltog', count(t.attended)],
      ['Udeblev', count(t.noShows)],
      ['Dækning (%)', percent(t.coverage)],
      ['Seminarer', count(s.seminars.count)],
      ['Pladser', count(s.seminars.capacity)],
      ['Besatte pladser', count(s.seminars.registered)],
      ['Belægning (%)', percent(s.seminars.fillRate)],
      ['Evalueringssvar', s.evaluation ? count(s.evaluation.overall.responses) : ''],
    ],
  );
}

export function municipalitiesCsv(items: MunicipalityFigures[]): string {
  return toCsv(
    ['Kommunekode', 'Kommune', ...PARTICIPATION_HEADER],
    items.map((m) => [String(m.municipalityCode), m.name, ...participation(m)]),
  );
}

export function regionsCsv(items: RegionFigures[]): string {
  return toCsv(
    ['Regionskode', 'Region', ...PARTICIPATION_HEADER],
    items.map((r) => [String(r.regionCode), r.name, ...participation(r)]),
  );
}

export function partiesCsv(items: PartyFigures[]): string {
  return toCsv(
    ['Listebogstav', 'Parti', ...PARTICIPATION_HEADER],
    items.map((p) => [p.letter, p.name, ...participation(p)]),
  );
}

export function seminarsCsv(items: SeminarFigures[]): string {
  return toCsv(
    [
      'Seminar-id',
      'Seminar',
      'Sted',
      'Start (UTC)',
      'Status',
      'Pladser',
      'Tilmeldte',
      'På venteliste',
      'Deltog',
      'Udeblev',
      'Belægning (%)',
    ],
    items.map((s) => [
      String(s.seminarId),
      s.title,
      s.venue,
      s.startsAt,
      s.status,
      ...[s.capacity, s.registered, s.waitlisted, s.attended, s.noShows].map(count),
      percent(s.fillRate),
    ]),
  );
}

export function wavesCsv(items: WaveFigures[]): string {
  return toCsv(
    [
      'Periode-id',
      'Periode',
      'Seminarer',
      'Pladser',
      'Tilmeldte',
      'På venteliste',
      'Deltog',
      'Udeblev',
      'Belægning (%)',
    ],
    items.map((w) => [
      String(w.waveId),
      w.name,
      ...[w.seminars, w.capacity, w.registered, w.waitlisted, w.attended, w.noShows].map(count),
      percent(w.fillRate),
    ]),
  );
}

export function timelineCsv(items: TimelineDay[]): string {
  return toCsv(
    ['Dato', 'Tilmeldinger', 'På venteliste', 'Afbud', 'Tilmeldinger i alt'],
    items.map((d) => [
      d.date,
      ...[d.registrations, d.waitlisted, d.cancellations, d.cumulativeRegistrations].map(count),
    ]),
  );
}

/** One row per cycle and region, then the cycle's total; the cycles side by side when pivoted in Excel. */
export function comparisonCsv(items: CycleComparison[]): string {
  return toCsv(
    ['Valgperiode', 'Region', ...PARTICIPATION_HEADER],
    items.flatMap((c) => [
      ...c.regions.map((r) => [c.cycle.code, r.name, ...participation(r)]),
      [c.cycle.code, 'Hele landet', ...participation(c.totals)],
    ]),
  );
}
