import { Figures } from '../../evaluations/results.service';
import { MIN_GROUP_SIZE, QuestionResult } from '../../evaluations/results';
import { danishPercent } from '../statistics/dashboard-view';

/** A table as the page shows it and its CSV holds it: the same header and cells. */
export interface Table {
  header: string[];
  rows: string[][];
}

const decimal = (value: number | undefined, decimals: number) =>
  value === undefined ? '' : value.toFixed(decimals).replace('.', ',');

const SUPPRESSED = `Under ${MIN_GROUP_SIZE} svar: kun antal vises`;
const POOLED_OUT = `Seminarer med under ${MIN_GROUP_SIZE} svar er udeladt af tallene`;

/** What a group's figures leave out, as the API's CSV says it. */
export function groupNote(group: Figures): string {
  if (group.suppressed) return SUPPRESSED;
  return group.basedOn < group.responses ? POOLED_OUT : '';
}

export interface NamedFigures {
  level: 'Forløb' | 'Bølge' | 'Seminar';
  name: string;
  figures: Figures;
}

/** The response rate of each group: the cycle, its waves, its seminars. */
export function responseTable(groups: NamedFigures[]): Table {
  return {
    header: ['Niveau', 'Navn', 'Inviterede', 'Svar', 'Svarprocent', 'Bemærkning'],
    rows: groups.map(({ level, name, figures }) => [
      level,
      name,
      String(figures.invited),
      String(figures.responses),
      danishPercent(figures.responseRate),
      groupNote(figures),
    ]),
  };
}

function distributionText(q: QuestionResult): string {
  return q.distribution
    ? Object.entries(q.distribution)
        .map(([value, n]) => `${value}: ${n}`)
        .join(' | ')
    : '';
}

/** One row per question of a group: how many answered, the mean, the NPS and the distribution. */
export function questionTable(group: Figures): Table {
  return {
    header: ['Spørgsmål', 'Besvaret', 'Gennemsnit', 'NPS (−100 til 100)', 'Fordeling'],
    rows: group.questions.map((q) => [
      q.text,
      String(q.answered),
      decimal(q.mean, 2),
      decimal(q.nps, 1),
      distributionText(q),
    ]),
  };
}

/** A bar of a distribution chart: the SVG's own coordinates (no inline style, as the CSP wants). */
export interface Bar {
  label: string;
  count: number;
  labelX: number;
  x: number;
  y: number;
  width: number;
  textY: number;
  countX: number;
}

export interface QuestionChart {
  id: string;
  text: string;
  /** What a screen reader hears for the chart; the table beside it holds the same numbers. */
  summary: string;
  bars: Bar[];
  height: number;
  nps: null | { value: string; x: number; barX: number; barWidth: number; positive: boolean };
}

const BAR_AREA = 200;
const ROW = 22;
const LEFT = 110;
const NPS_ZERO = 150;
const NPS_STEP = 1.4;

/**
 * A distribution drawn as horizontal bars, longest = the most answers; for an NPS question also its
 * score on its own −100…100 axis (not on the 0–10 answer scale).
 */
export function questionChart(q: QuestionResult, index: number): QuestionChart | null {
  if (!q.distribution || q.answered === 0) return null;
  const entries = Object.entries(q.distribution);
  const most = Math.max(1, ...entries.map(([, n]) => n));
  const bars = entries.map(([label, count], i) => {
    const width = count === 0 ? 0 : Math.max(2, Math.round((count / most) * BAR_AREA));
    return {
      label,
      count,
      labelX: LEFT - 8,
      x: LEFT,
      y: i * ROW,
      width,
      textY: i * ROW + 15,
      countX: LEFT + width + 6,
    };
  });
  const npsScore = q.nps;
  // The NPS axis runs from −100 at x 10 to 100 at x 290, 0 in the middle.
  const at = (score: number) => NPS_ZERO + score * NPS_STEP;
  const nps =
    npsScore === undefined
      ? null
      : {
          value: decimal(npsScore, 1),
          x: at(npsScore),
          barX: Math.min(NPS_ZERO, at(npsScore)),
          barWidth: Math.max(2, Math.abs(npsScore * NPS_STEP)),
          positive: npsScore >= 0,
        };
  const parts = entries.map(([label, n]) => `${label}: ${n}`).join(', ');
  return {
    id: `chart-${index}`,
    text: q.text,
    summary: `${q.text} Fordeling af svarene: ${parts}.${
      q.mean !== undefined ? ` Gennemsnit ${decimal(q.mean, 2)}.` : ''
    }${npsScore !== undefined ? ` NPS ${decimal(npsScore, 1)} på en skala fra −100 til 100.` : ''}`,
    bars,
    height: entries.length * ROW,
    nps,
  };
}

/** The free-text answers of a group, question by question (none when the group is suppressed). */
export function freeTexts(group: Figures) {
  return group.questions
    .filter((q) => q.type === 'text' && (q.texts?.length ?? 0) > 0)
    .map((q) => ({ text: q.text, answers: q.texts! }));
}
