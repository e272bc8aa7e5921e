/**
 * Horizontal bar charts drawn by the server as SVG (templates/partials/statistics-bars.hbs): no
 * script, nothing inline for the CSP, and the bars are there in a print or a screenshot. The axis
 * runs to a round number just above the largest value, so 2 % is not drawn on a 0–100 % axis.
 */

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * The round step (1, 2, 2.5 or 5 times a power of ten) whose axis of four to six steps reaches
 * `largest` soonest; of equal axes the one with fewer steps.
 */
function roundStep(largest: number): number {
  const power = 10 ** Math.floor(Math.log10(largest / 5));
  const candidates = [1, 2, 2.5, 5, 10, 20, 25, 50].map((m) => m * power);
  const steps = (step: number) => Math.ceil(largest / step - 1e-9);
  const fitting = candidates.filter((step) => steps(step) >= 4 && steps(step) <= 6);
  return fitting.reduce((best, step) =>
    steps(step) * step < steps(best) * best - 1e-9 ||
    (Math.abs(steps(step) * step - steps(best) * best) < 1e-9 && steps(step) < steps(best))
      ? step
      : best,
  );
}

/** An axis from 0 (or a fixed scale) to a round number at or above `largest`, in four to six steps. */
export function axisTo(largest: number, fixed?: { min: number; max: number; step: number }): Axis {
  if (fixed) {
    const ticks: number[] = [];
    for (let v = fixed.min; v <= fixed.max + 1e-9; v += fixed.step) ticks.push(round(v));
    return { min: fixed.min, max: fixed.max, ticks };
  }
  if (!(largest > 0)) return { min: 0, max: 1, ticks: [0, 1] };
  const step = roundStep(largest);
  const max = round(Math.ceil(largest / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(round(v));
  return { min: 0, max, ticks };
}

const round = (v: number) => Math.round(v * 1e9) / 1e9;

export interface ChartBar {
  /** Where the bar starts and how long it is, in per cent of the track. */
  x: number;
  width: number;
  series: number;
  y: number;
}

export interface ChartRow {
  label: string;
  /** The values as the row's text says them, e.g. "2,3 %" or "KV21 12,0 % · KV25 14,5 %". */
  text: string;
  bars: ChartBar[];
}

export interface BarChart {
  /** What the chart shows, read out instead of the drawing (the table below has the numbers). */
  description: string;
  legend: Array<{ label: string; series: number }>;
  ticks: Array<{ text: string; position: number; anchor: 'start' | 'middle' | 'end' }>;
  /** Grid lines and the zero line, in per cent of the track. */
  grid: number[];
  zero: number | null;
  /** The track's height in pixels: one bar per series. */
  height: number;
  rows: ChartRow[];
}

export interface ChartInput {
  description: string;
  series: string[];
  /** Each row's values, and as its text says them (the table's cells); `format` when not given. */
  rows: Array<{ label: string; values: Array<number | null>; texts?: string[] }>;
  format: (value: number) => string;
  /** A fixed scale (the NPS's −100 to 100, a question's 1 to 5); else 0 to a round maximum. */
  fixed?: { min: number; max: number; step: number };
}

/** Pixels per bar, the bar itself two less on each side. */
const BAR = 14;

export function barChart(input: ChartInput): BarChart {
  const largest = Math.max(0, ...input.rows.flatMap((r) => r.values.filter((v): v is number => v !== null)));
  const axis = axisTo(largest, input.fixed);
  const span = axis.max - axis.min;
  const at = (v: number) => round(((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / span) * 100);
  const base = axis.min < 0 && axis.max > 0 ? 0 : axis.min;
  return {
    description: input.description,
    legend: input.series.length > 1 ? input.series.map((label, series) => ({ label, series })) : [],
    ticks: axis.ticks.map((t, i, all) => ({
      text: input.format(t),
      position: at(t),
      anchor: i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle',
    })),
    grid: axis.ticks.map(at),
    zero: base === axis.min ? null : at(base),
    height: BAR * input.series.length,
    rows: input.rows.map((r) => ({
      label: r.label,
      text: r.values
        .map(
          (v, i) =>
            (input.series.length > 1 ? `${input.series[i]}: ` : '') +
            (r.texts?.[i] ?? (v === null ? '–' : input.format(v))),
        )
        .join(' · '),
      bars: r.values.flatMap((v, series) =>
        v === null
          ? []
          : [
              {
                x: Math.min(at(v), at(base)),
                width: Math.abs(at(v) - at(base)),
                series,
                y: series * BAR + 2,
              },
            ],
      ),
    })),
  };
}
