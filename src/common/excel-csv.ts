/** A cell Excel would run as a formula gets a leading apostrophe (OWASP's CSV injection advice). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | null): string {
  const text = neutralise(value ?? '');
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as Danish Excel opens them: UTF-8 with BOM, `;` between cells, CRLF between rows. */
export function excelCsv(rows: Array<Array<string | null>>): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
