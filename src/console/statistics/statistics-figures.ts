import { GroupResult, QuestionResult } from '../../evaluations/results';
import { ComparedGroup } from '../../statistics/comparison';
import { CycleEvaluation } from '../../statistics/evaluation-figures';
import {
  MunicipalityFigures,
  ParticipationFigures,
  PartyFigures,
  RegionFigures,
  SeminarFigures,
  TimelineDay,
  WaveFigures,
} from '../../statistics/figures';
import { CycleComparison, CyclePair, partyName } from '../../statistics/statistics.service';
import { column, countCell, percentCell, StatFigure } from './stat-figure';
import { StatColumn } from './stat-table';

/** The building blocks of the statistics pages: each figure's table and chart from the domain's figures. */

/** "19. nov. 2026", the day in Copenhagen */
const shortDate = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/Copenhagen',
});

const PARTICIPATION: StatColumn[] = [
  column('nyvalgte', 'Nyvalgte'),
  column('inviterede', 'Inviterede'),
  column('meldt-fra', 'Meldt fra'),
  column('tilmeldte', 'Tilmeldte'),
  column('venteliste', 'På venteliste'),
  column('deltog', 'Deltog'),
  column('udeblev', 'Udeblev'),
  column('daekning', 'Dækning (%)'),
];

const participationCells = (p: ParticipationFigures) => [
  ...[p.newlyElected, p.invited, p.declined, p.registered, p.waitlisted, p.attended, p.noShows].map(
    countCell,
  ),
  percentCell(p.coverage),
];

const BY_COVERAGE = { column: 'daekning', direction: 'ned' } as const;

const COVERAGE_CHART = (what: string) => ({
  description: `Søjlediagram over dækningen ${what}. Tallene står i tabellen under diagrammet.`,
  columns: ['daekning'],
  percent: true,
});

export function regionFigure(regions: RegionFigures[], totals: ParticipationFigures): StatFigure {
  return {
    heading: 'Dækning pr. region',
    lead: 'Hvor mange af de nyvalgte i hver region, der har deltaget i et seminar.',
    table: {
      id: 'regioner',
      caption: 'Nyvalgte og deltagelse pr. region',
      columns: [column('region', 'Region', false), ...PARTICIPATION],
      rows: regions.map((r) => [r.name, ...participationCells(r)]),
      footer: [['Hele landet', ...participationCells(totals)]],
    },
    chart: COVERAGE_CHART('i hver region'),
    empty: 'Der er ingen regioner.',
    sortable: true,
    searchable: false,
    defaultOrder: BY_COVERAGE,
  };
}

export function municipalityFigure(
  municipalities: MunicipalityFigures[],
  regionNames: Map<number, string>,
): StatFigure {
  return {
    heading: 'Dækning pr. kommune',
    lead: 'Hvor mange af de nyvalgte i hver kommune, der har deltaget i et seminar.',
    table: {
      id: 'kommuner',
      caption: 'Nyvalgte og deltagelse pr. kommune',
      columns: [
        column('kommune', 'Kommune', false),
        column('region', 'Region', false),
        column('kode', 'Kommunekode'),
        ...PARTICIPATION,
      ],
      rows: municipalities.map((m) => [
        m.name,
        regionNames.get(m.regionCode) ?? '',
        String(m.municipalityCode),
        ...participationCells(m),
      ]),
      footer: [],
    },
    chart: COVERAGE_CHART('i hver kommune'),
    empty: 'Ingen kommuner passer til søgningen.',
    sortable: true,
    searchable: true,
    defaultOrder: BY_COVERAGE,
  };
}

export function partyFigure(parties: PartyFigures[]): StatFigure {
  return {
    heading: 'Dækning pr. parti',
    lead: 'Landspartierne efter listebogstav; alle lokallister tælles sammen, fordi det samme bogstav er forskellige lister i hver kommune.',
    table: {
      id: 'partier',
      caption: 'Nyvalgte og deltagelse pr. parti',
      columns: [column('parti', 'Parti', false), ...PARTICIPATION],
      rows: parties.map((p) => [partyName(p), ...participationCells(p)]),
      footer: [],
    },
    chart: COVERAGE_CHART('for hvert parti'),
    empty: 'Der er ingen partier.',
    sortable: true,
    searchable: false,
    defaultOrder: BY_COVERAGE,
  };
}

const SEMINAR_STATUS: Record<string, string> = {
  draft: 'Kladde',
  published: 'Åben',
  cancelled: 'Aflyst',
  completed: 'Afholdt',
};

const SEATS: StatColumn[] = [
  column('pladser', 'Pladser'),
  column('besatte', 'Besatte pladser'),
  column('venteliste', 'Venteliste'),
  column('moedte', 'Fremmødte'),
  column('udeblevne', 'Udeblevne'),
  column('belaegning', 'Belægning (%)'),
];

const FILL_CHART = (what: string) => ({
  description: `Søjlediagram over belægningen ${what}. Tallene står i tabellen under diagrammet.`,
  columns: ['belaegning'],
  percent: true,
});

/** Every seminar by its start, so seminars with the same title at the same venue are told apart by date. */
export function seminarFigure(seminars: SeminarFigures[]): StatFigure {
  return {
    heading: 'Belægning og fremmøde pr. seminar',
    lead: 'Alle medlemmer med en plads tæller her, også de genvalgte.',
    table: {
      id: 'seminarer',
      caption: 'Pladser, fremmøde og udeblevne pr. seminar',
      columns: [
        column('seminar', 'Seminar', false),
        column('dato', 'Dato', false),
        column('sted', 'Sted', false),
        column('status', 'Status', false),
        ...SEATS,
      ],
      rows: seminars.map((s) => [
        `${s.title}, ${shortDate.format(new Date(s.startsAt))}`,
        s.startsAt.slice(0, 10),
        s.venue,
        SEMINAR_STATUS[s.status] ?? s.status,
        ...[s.capacity, s.registered, s.waitlisted, s.attended, s.noShows].map(countCell),
        percentCell(s.fillRate),
      ]),
      footer: [],
    },
    chart: FILL_CHART('på hvert seminar'),
    empty: 'Der er ingen seminarer i valgperioden endnu.',
    sortable: true,
    searchable: true,
  };
}

export function waveFigure(waves: WaveFigures[]): StatFigure {
  return {
    heading: 'Belægning pr. bølge',
    lead: 'Seminarerne i hver bølge lagt sammen.',
    table: {
      id: 'boelger',
      caption: 'Pladser, fremmøde og udeblevne pr. bølge',
      columns: [column('boelge', 'Bølge', false), column('antal', 'Seminarer'), ...SEATS],
      rows: waves.map((w) => [
        w.name,
        ...[w.seminars, w.capacity, w.registered, w.waitlisted, w.attended, w.noShows].map(countCell),
        percentCell(w.fillRate),
      ]),
      footer: [],
    },
    chart: FILL_CHART('i hver bølge'),
    empty: 'Der er ingen bølger i valgperioden endnu.',
    sortable: false,
    searchable: false,
  };
}

/** The Monday (YYYY-MM-DD) of the week a day lies in. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The days added up week by week (Monday to Sunday), the running total carried from the last day of each. */
export function weeks(days: TimelineDay[]): Array<TimelineDay & { week: string }> {
  const byWeek = new Map<string, TimelineDay & { week: string }>();
  for (const d of days) {
    const week = mondayOf(d.date);
    const into = byWeek.get(week) ?? {
      week,
      date: week,
      registrations: 0,
      waitlisted: 0,
      cancellations: 0,
      cumulativeRegistrations: 0,
    };
    into.registrations += d.registrations;
    into.waitlisted += d.waitlisted;
    into.cancellations += d.cancellations;
    into.cumulativeRegistrations = d.cumulativeRegistrations;
    byWeek.set(week, into);
  }
  return [...byWeek.values()];
}

export function timelineFigure(days: TimelineDay[]): StatFigure {
  return {
    heading: 'Tilmeldinger uge for uge',
    lead: 'Pladser taget og opgivet i hver uge (mandag til søndag, dansk tid), og hvor mange der i alt var taget ved ugens slutning.',
    table: {
      id: 'uger',
      caption: 'Tilmeldinger, venteliste og afbud pr. uge',
      columns: [
        column('uge', 'Ugen fra', false),
        column('tilmeldinger', 'Tilmeldinger'),
        column('venteliste', 'På venteliste'),
        column('afbud', 'Afbud'),
        column('i-alt', 'Tilmeldinger i alt'),
      ],
      rows: weeks(days).map((w) => [
        `${shortDate.format(new Date(`${w.week}T12:00:00Z`))}`,
        ...[w.registrations, w.waitlisted, w.cancellations, w.cumulativeRegistrations].map(countCell),
      ]),
      footer: [],
    },
    chart: {
      description:
        'Søjlediagram over tilmeldinger i hver uge og i alt. Tallene står i tabellen under diagrammet.',
      columns: ['tilmeldinger', 'i-alt'],
      percent: false,
    },
    empty: 'Ingen har tilmeldt sig endnu.',
    sortable: false,
    searchable: false,
  };
}

export function cyclesFigure(cycles: CycleComparison[]): StatFigure {
  return {
    heading: 'Dækning i hver valgperiode',
    lead: 'Hele landet, én række pr. valgperiode, den ældste først.',
    table: {
      id: 'valgperioder',
      caption: 'Nyvalgte og deltagelse pr. valgperiode',
      columns: [column('valgperiode', 'Valgperiode', false), ...PARTICIPATION],
      rows: cycles.map((c) => [`${c.cycle.code} – ${c.cycle.name}`, ...participationCells(c.totals)]),
      footer: [],
    },
    chart: COVERAGE_CHART('i hver valgperiode'),
    empty: 'Der er ingen valgperioder.',
    sortable: false,
    searchable: false,
  };
}

/** Columns of two cycles side by side, then the difference in coverage. */
function pairColumns(pair: CyclePair, what: string): StatColumn[] {
  const [b, a] = [pair.before.code, pair.after.code];
  return [
    column('navn', what, false),
    column('nyvalgte-foer', `Nyvalgte ${b}`),
    column('deltog-foer', `Deltog ${b}`),
    column('daekning-foer', `Dækning ${b} (%)`),
    column('nyvalgte-efter', `Nyvalgte ${a}`),
    column('deltog-efter', `Deltog ${a}`),
    column('daekning-efter', `Dækning ${a} (%)`),
    column('forskel', 'Forskel (procentpoint)'),
  ];
}

const pairCells = (g: ComparedGroup) => [
  g.name,
  countCell(g.before.newlyElected),
  countCell(g.before.attended),
  percentCell(g.before.coverage),
  countCell(g.after.newlyElected),
  countCell(g.after.attended),
  percentCell(g.after.coverage),
  percentCell(g.difference),
];

/** One of the comparison's figures: regions, municipalities or parties in two cycles. */
export function pairFigure(
  pair: CyclePair,
  what: {
    id: string;
    heading: string;
    label: string;
    groups: ComparedGroup[];
    totals: boolean;
    searchable: boolean;
  },
): StatFigure {
  return {
    heading: what.heading,
    lead: `Dækningen i ${pair.before.code} og ${pair.after.code} side om side, og hvor mange procentpoint den er steget eller faldet.`,
    table: {
      id: what.id,
      caption: `${what.heading}: ${pair.before.code} og ${pair.after.code}`,
      columns: pairColumns(pair, what.label),
      rows: what.groups.map(pairCells),
      footer: what.totals ? [pairCells(pair.totals)] : [],
    },
    chart: {
      description: `Søjlediagram med dækningen i ${pair.before.code} og ${pair.after.code} for hver række. Tallene står i tabellen under diagrammet.`,
      columns: ['daekning-foer', 'daekning-efter'],
      series: [pair.before.code, pair.after.code],
      percent: true,
    },
    empty: 'Ingen rækker passer til søgningen.',
    sortable: true,
    searchable: what.searchable,
    defaultOrder: { column: 'daekning-efter', direction: 'ned' },
    codes: [pair.before.code, pair.after.code],
  };
}

/** Evaluation: the seminars' response rates and NPS; a seminar under the threshold shows counts only. */
export function evaluationSeminarFigure(
  evaluation: CycleEvaluation,
  seminars: SeminarFigures[],
  threshold: number,
): StatFigure {
  const starts = new Map(seminars.map((s) => [s.seminarId, s.startsAt]));
  const nps = (r: GroupResult) => r.questions.find((q) => q.type === 'nps')?.nps;
  return {
    heading: 'Svar og anbefaling pr. seminar',
    lead: `Seminarer, der har fået spørgeskemaet. Anbefaling (NPS) går fra −100 til 100 og har sin egen skala. Et seminar med under ${threshold} svar viser kun antallet, så ingen kan genkendes.`,
    table: {
      id: 'evaluering-seminarer',
      caption: 'Svar, svarprocent og anbefaling pr. seminar',
      columns: [
        column('seminar', 'Seminar', false),
        column('inviterede', 'Fik spørgeskemaet'),
        column('svar', 'Svar'),
        column('svarprocent', 'Svarprocent (%)'),
        column('nps', 'Anbefaling (NPS)'),
      ],
      rows: evaluation.seminars
        .filter((s) => s.result.invited > 0)
        .map((s) => {
          const start = starts.get(s.seminarId);
          const score = nps(s.result);
          return [
            start ? `${s.title}, ${shortDate.format(new Date(start))}` : s.title,
            countCell(s.result.invited),
            countCell(s.result.responses),
            percentCell(s.result.responseRate),
            s.result.suppressed ? 'skjult' : score === undefined ? '–' : score.toFixed(1).replace('.', ','),
          ];
        }),
      footer: [],
    },
    chart: {
      description:
        'Søjlediagram over anbefalingen (NPS) for hvert seminar på en skala fra −100 til 100. Tallene står i tabellen under diagrammet.',
      columns: ['nps'],
      percent: false,
      fixed: { min: -100, max: 100, step: 50 },
    },
    empty: 'Ingen seminarer har fået spørgeskemaet endnu.',
    sortable: true,
    searchable: false,
  };
}

/** One question's answers counted per value (a scale, 0–10 or the options), on the count's own axis. */
export function distributionFigure(
  q: QuestionResult & { distribution: Record<string, number> },
  index: number,
): StatFigure {
  const total = Object.values(q.distribution).reduce((n, v) => n + v, 0);
  const extra =
    q.nps !== undefined
      ? ` Anbefaling (NPS): ${q.nps.toFixed(1).replace('.', ',')}.`
      : q.mean !== undefined
        ? ` Gennemsnit: ${q.mean.toFixed(2).replace('.', ',')}.`
        : '';
  return {
    heading: q.text,
    lead: `${q.answered} har svaret.${extra}`,
    table: {
      id: `spoergsmaal-${index + 1}`,
      caption: `Fordelingen af svarene: ${q.text}`,
      columns: [column('svar', 'Svar', false), column('antal', 'Antal'), column('andel', 'Andel (%)')],
      rows: Object.entries(q.distribution).map(([value, n]) => [
        value,
        countCell(n),
        percentCell(total === 0 ? null : Math.round((n / total) * 10000) / 10000),
      ]),
      footer: [],
    },
    chart: {
      description: `Søjlediagram over fordelingen af svarene på "${q.text}". Tallene står i tabellen under diagrammet.`,
      columns: ['antal'],
      percent: false,
    },
    empty: 'Ingen svar.',
    sortable: false,
    searchable: false,
  };
}
