import { QuestionResult } from '../../evaluations/results';
import { CycleEvaluation } from '../../statistics/evaluation-figures';
import {
  MunicipalityFigures,
  ParticipationFigures,
  RegionFigures,
  SeminarFigures,
  TimelineDay,
} from '../../statistics/figures';
import { Summary } from '../../statistics/statistics.service';

/** A share as a Danish percentage with one decimal, "42,3 %"; a dash when there is no share. */
export function danishPercent(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
}

/** A count with Danish thousands separators, "2.500". */
export function danishCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export interface ChartSpec {
  id: string;
  type: 'bar' | 'line';
  horizontal: boolean;
  /** Values are shares (0–1) shown as percentages. */
  percent: boolean;
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null> }>;
}

function participationRow(name: string, p: ParticipationFigures) {
  return {
    name,
    newlyElected: danishCount(p.newlyElected),
    invited: danishCount(p.invited),
    registered: danishCount(p.registered),
    waitlisted: danishCount(p.waitlisted),
    attended: danishCount(p.attended),
    noShows: danishCount(p.noShows),
    coverage: danishPercent(p.coverage),
  };
}

/** A seminar's row in the tables: its seats and what became of them, in Danish numbers. */
export function seminarRow(s: SeminarFigures) {
  return {
    title: s.title,
    venue: s.venue,
    capacity: danishCount(s.capacity),
    registered: danishCount(s.registered),
    waitlisted: danishCount(s.waitlisted),
    attended: danishCount(s.attended),
    noShows: danishCount(s.noShows),
    fillRate: danishPercent(s.fillRate),
  };
}

const COVERAGE = 'Dækning (deltog ÷ nyvalgte)';

export interface DashboardFigures {
  summary: Summary;
  regions: RegionFigures[];
  municipalities: MunicipalityFigures[];
  seminars: SeminarFigures[];
  timeline: TimelineDay[];
}

function evaluationView(evaluation: CycleEvaluation | null) {
  if (!evaluation) return { evaluation: null, evaluationChart: null };
  const scored = evaluation.overall.questions.filter(
    (q): q is QuestionResult & { mean: number } => q.mean !== undefined,
  );
  return {
    evaluation: {
      responses: danishCount(evaluation.overall.responses),
      responseRate: danishPercent(evaluation.overall.responseRate),
      suppressed: evaluation.overall.suppressed,
      questions: scored.map((q) => ({
        text: q.text,
        answered: danishCount(q.answered),
        mean: q.mean.toFixed(2).replace('.', ','),
      })),
      seminars: evaluation.seminars.map((s) => ({
        title: s.title,
        responses: danishCount(s.result.responses),
        responseRate: danishPercent(s.result.responseRate),
      })),
    },
    evaluationChart: {
      id: 'chart-evaluation',
      type: 'bar' as const,
      horizontal: true,
      percent: false,
      labels: scored.map((q) => q.text),
      datasets: [{ label: 'Gennemsnit', data: scored.map((q) => q.mean) }],
    },
  };
}

/** Everything the dashboard template shows, with the charts' data for dashboard.js. */
export function dashboardView(figures: DashboardFigures) {
  const { summary, regions, municipalities, seminars, timeline } = figures;
  const { evaluation, evaluationChart } = evaluationView(summary.evaluation);
  const charts: ChartSpec[] = [
    {
      id: 'chart-regions',
      type: 'bar',
      horizontal: false,
      percent: true,
      labels: regions.map((r) => r.name),
      datasets: [{ label: COVERAGE, data: regions.map((r) => r.coverage) }],
    },
    {
      id: 'chart-municipalities',
      type: 'bar',
      horizontal: true,
      percent: true,
      labels: municipalities.map((m) => m.name),
      datasets: [{ label: COVERAGE, data: municipalities.map((m) => m.coverage) }],
    },
    {
      id: 'chart-timeline',
      type: 'line',
      horizontal: false,
      percent: false,
      labels: timeline.map((d) => d.date),
      datasets: [
        { label: 'Tilmeldinger i alt', data: timeline.map((d) => d.cumulativeRegistrations) },
        { label: 'Tilmeldinger pr. dag', data: timeline.map((d) => d.registrations) },
      ],
    },
    {
      id: 'chart-seminars',
      type: 'bar',
      horizontal: true,
      percent: true,
      labels: seminars.map((s) => s.title),
      datasets: [{ label: 'Belægning (besatte pladser ÷ pladser)', data: seminars.map((s) => s.fillRate) }],
    },
    ...(evaluationChart ? [evaluationChart] : []),
  ];
  const t = summary.totals;
  return {
    cycle: summary.cycle,
    headline: [
      { label: 'Nyvalgte', value: danishCount(t.newlyElected) },
      { label: 'Inviterede', value: danishCount(t.invited) },
      { label: 'Tilmeldte', value: danishCount(t.registered) },
      { label: 'På venteliste', value: danishCount(t.waitlisted) },
      { label: 'Deltog', value: danishCount(t.attended) },
      { label: 'Udeblev', value: danishCount(t.noShows) },
      { label: 'Dækning', value: danishPercent(t.coverage) },
      { label: 'Belægning på seminarerne', value: danishPercent(summary.seminars.fillRate) },
    ],
    regions: regions.map((r) => participationRow(r.name, r)),
    totalsRow: participationRow('Hele landet', t),
    municipalities: municipalities.map((m) => participationRow(m.name, m)),
    municipalityChartHeight: Math.max(400, municipalities.length * 18),
    seminarChartHeight: Math.max(240, seminars.length * 28),
    hasTimeline: timeline.length > 0,
    timeline: timeline.map((d) => ({
      date: d.date,
      registrations: danishCount(d.registrations),
      waitlisted: danishCount(d.waitlisted),
      cancellations: danishCount(d.cancellations),
      cumulative: danishCount(d.cumulativeRegistrations),
    })),
    hasSeminars: seminars.length > 0,
    seminars: seminars.map(seminarRow),
    evaluation,
    // `<` escaped so the JSON cannot end its <script> block early.
    chartData: JSON.stringify({ charts }).replace(/</g, '\\u003c'),
  };
}
