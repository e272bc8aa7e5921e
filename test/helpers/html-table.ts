const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
};

/** Text of an HTML fragment as a reader sees it: tags gone, entities decoded, whitespace folded. */
export function cellText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&([#\w]+);/g, (all, name: string) => ENTITIES[name] ?? all)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rows (header, body, footer) of the table with this id, each a list of cell texts. */
export function tableCells(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!table) throw new Error(`No table #${id} on the page`);
  return [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cellText(cell[1])),
  );
}

/** A CSV of ours (BOM, `;`, CRLF, no quoted cells in these figures) as rows of cells. */
export function csvCells(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((line) => line.split(';'));
}

/** The body rows of the table whose caption has this id (the review pages caption their tables), as cell texts. */
export function captionedRows(html: string, captionId: string): string[][] {
  const table = new RegExp(`<caption id="${captionId}"[\\s\\S]*?</table>`).exec(html);
  if (!table) throw new Error(`No table captioned #${captionId} on the page`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[0])![1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cellText(cell[1])),
  );
}
