import { toCsv } from '../../common/csv';
import { danishCompare } from '../../common/danish-order';

/** A column of a statistics table; `key` names it in the URL (`?sortering=`). */
export interface StatColumn {
  key: string;
  label: string;
  numeric: boolean;
}

/**
 * A table as the page shows it and as its CSV holds it: the same cells, in the same order. Counts
 * are plain integers and shares are percentages with a decimal comma (the header says "(%)"), so
 * Danish Excel reads every cell as the number it shows.
 */
export interface StatTable {
  id: string;
  caption: string;
  columns: StatColumn[];
  /** The first cell of each row names it (a row header). */
  rows: string[][];
  /** Totals below the rows; kept at the bottom whatever the sorting. */
  footer: string[][];
}

export type Direction = 'op' | 'ned';

export interface TableOrder {
  column: string;
  direction: Direction;
}

/** "16,7" → 16.7; an empty cell or a dash is no number. */
export function danishValue(cell: string): number | null {
  const text = cell.replace(/\./g, '').replace(',', '.').replace(/\s*%$/, '');
  return text === '' || text === '–' || Number.isNaN(Number(text)) ? null : Number(text);
}

/**
 * The rows ordered by one column: numbers as numbers, words in Danish order; a row without a
 * number comes last either way, and equal rows keep their order.
 */
export function sortRows(table: StatTable, order: TableOrder): StatTable {
  const index = table.columns.findIndex((c) => c.key === order.column);
  if (index < 0) return table;
  const sign = order.direction === 'op' ? 1 : -1;
  const numeric = table.columns[index].numeric;
  const rows = [...table.rows].sort((x, y) => {
    if (!numeric) return sign * danishCompare(x[index], y[index]);
    const [a, b] = [danishValue(x[index]), danishValue(y[index])];
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return sign * (a - b);
  });
  return { ...table, rows };
}

/** The rows whose name (first cell) or second cell contains the words asked for, case aside. */
export function searchRows(table: StatTable, query: string): StatTable {
  const wanted = query.trim().toLocaleLowerCase('da');
  if (wanted === '') return table;
  const rows = table.rows.filter((r) =>
    r.slice(0, 2).some((cell) => cell.toLocaleLowerCase('da').includes(wanted)),
  );
  return { ...table, rows };
}

/** Exactly the table: its header, its rows in their order, then its totals. */
export function tableCsv(table: StatTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    [...table.rows, ...table.footer],
  );
}
