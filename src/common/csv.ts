/**
 * A cell Excel would run as a formula gets a leading apostrophe (OWASP's CSV injection advice); a
 * plain negative number ("-3,5") is no formula and stays a number.
 */
export function neutralise(value: string): string {
  if (/^-\d+(,\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | null): string {
  const text = neutralise(value ?? '');
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as Danish Excel opens it: UTF-8 with BOM, `;` between cells, CRLF between rows, every
 * cell formula-safe. Numbers are the caller's to format (see `danishNumber`).
 */
export function toCsv(header: string[], rows: Array<Array<string | null>>): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A number as Danish Excel reads it: decimal comma, no thousands separator; empty for null. */
export function danishNumber(value: number | null, decimals = 0): string {
  return value === null ? '' : value.toFixed(decimals).replace('.', ',');
}
