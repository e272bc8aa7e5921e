import { textOf } from './console';

/** The cells of the page's table `#id` as a reader sees them, header row first. */
export function tableCells(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html);
  if (!table) throw new Error(`No table #${id} on the page`);
  const body = table[0]
    .replace(/<caption[\s\S]*?<\/caption>/, '')
    .replace(/<span class="sr-only">[\s\S]*?<\/span>/g, '');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1])),
  );
}

/**
 * Our CSV as a spreadsheet reads it: BOM, `;`, CRLF, quoted cells; a formula-guard apostrophe
 * (`'-40`) is taken off, as Excel shows the cell.
 */
export function csvCells(body: string): string[][] {
  if (!body.startsWith('\uFEFF') || !body.endsWith('\r\n')) throw new Error('Not our CSV');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = body.slice(1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ';') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows.map((r) => r.map((v) => v.replace(/^'(?=[=+\-@\t\r])/, '')));
}
