import { danishNumber } from '../../common/csv';
import { BarChart, barChart, ChartInput } from './bar-chart';
import { definitionsOf } from './definitions';
import { danishValue, searchRows, sortRows, StatColumn, StatTable, TableOrder } from './stat-table';

/** One figure of a statistics page: a heading, what it counts, its chart and its table. */
export interface StatFigure {
  heading: string;
  /** One sentence on what the figure shows. */
  lead: string;
  table: StatTable;
  /** Which columns the chart draws, and how; null for a table without a chart. */
  chart: ChartSpec | null;
  /** Said instead of the table when it has no rows. */
  empty: string;
  /** The rows follow `?sortering=` and `?q=`. */
  sortable: boolean;
  searchable: boolean;
  /** The order without `?sortering=`; else the rows' own order. */
  defaultOrder?: TableOrder;
  /** Cycle codes in the column labels, left out when looking up their definitions. */
  codes?: string[];
}

export interface ChartSpec {
  description: string;
  /** The legend's names of the columns drawn; their headers when not given. */
  series?: string[];
  /** Column keys, one bar each per row. */
  columns: string[];
  /** The values in the cells are percentages (shown with " %"). */
  percent: boolean;
  fixed?: ChartInput['fixed'];
}

/** What the statistics pages' URL may say about their tables. */
export interface TableQuery {
  order: TableOrder | null;
  search: string;
}

export const percentCell = (share: number | null) => (share === null ? '–' : danishNumber(share * 100, 1));
export const countCell = (n: number) => String(n);
export const column = (key: string, label: string, numeric = true): StatColumn => ({ key, label, numeric });

function orderOf(figure: StatFigure, query: TableQuery): TableOrder | null {
  return figure.sortable ? (query.order ?? figure.defaultOrder ?? null) : null;
}

/** The table as this request shows it: searched, then sorted (the chart follows the same rows). */
export function shownTable(figure: StatFigure, query: TableQuery): StatTable {
  let table = figure.table;
  if (figure.searchable) table = searchRows(table, query.search);
  const order = orderOf(figure, query);
  if (order) table = sortRows(table, order);
  return table;
}

function chartOf(spec: ChartSpec, table: StatTable): BarChart {
  const indexes = spec.columns.map((key) => table.columns.findIndex((c) => c.key === key));
  return barChart({
    description: spec.description,
    series: spec.series ?? indexes.map((i) => table.columns[i].label),
    rows: table.rows.map((row) => ({
      label: row[0],
      values: indexes.map((i) => danishValue(row[i])),
      texts: indexes.map((i) => (spec.percent && danishValue(row[i]) !== null ? `${row[i]} %` : row[i])),
    })),
    format: (v) =>
      spec.percent
        ? `${danishNumber(v, Number.isInteger(v) ? 0 : 1)} %`
        : danishNumber(v, Number.isInteger(v) ? 0 : 1),
    fixed: spec.fixed,
  });
}

/** A header cell: a link that sorts by the column (the other way when it already does). */
function headerCell(
  c: StatColumn,
  figure: StatFigure,
  query: TableQuery,
  link: (q: Record<string, string>) => string,
) {
  if (!figure.sortable) return { label: c.label, numeric: c.numeric, href: null, sort: null };
  const order = orderOf(figure, query);
  const current = order?.column === c.key ? order.direction : null;
  const next = current === 'ned' ? 'op' : current === 'op' ? 'ned' : c.numeric ? 'ned' : 'op';
  return {
    label: c.label,
    numeric: c.numeric,
    href: link({ sortering: c.key, retning: next }),
    sort: current === null ? null : current === 'op' ? 'ascending' : 'descending',
  };
}

const rowView = (columns: StatColumn[]) => (row: string[]) => ({
  head: row[0],
  cells: row.slice(1).map((text, i) => ({ text, numeric: columns[i + 1].numeric })),
});

/**
 * The template's model of a figure. `link` makes this page's address with some query fields
 * changed, so sorting and the CSV keep the search, the cycles and each other.
 */
export function figureView(
  figure: StatFigure,
  query: TableQuery,
  link: (changes: Record<string, string>) => string,
) {
  const table = shownTable(figure, query);
  return {
    id: table.id,
    heading: figure.heading,
    lead: figure.lead,
    caption: table.caption,
    hasRows: table.rows.length > 0,
    empty: figure.empty,
    chart: figure.chart && table.rows.length > 0 ? chartOf(figure.chart, table) : null,
    header: table.columns.map((c) => headerCell(c, figure, query, link)),
    rows: table.rows.map(rowView(table.columns)),
    footer: table.footer.map(rowView(table.columns)),
    definitions: definitionsOf(
      table.columns.map((c) => c.label),
      figure.codes,
    ),
    csvHref: link({ format: 'csv', tabel: table.id }),
  };
}
