import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

/**
 * The text of a CSV file, its encoding detected rather than configured: a BOM decides; otherwise
 * valid UTF-8 is UTF-8, and anything else is windows-1252, Danish Excel's "CSV (semikolonsepareret)".
 */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}

export type Delimiter = ';' | ',' | '\t';

/** The delimiter that splits the header line most often (quoted parts not counted). */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const candidates: Delimiter[] = [';', ',', '\t'];
  const counts = candidates.map((d) => firstLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ';' : candidates[counts.indexOf(best)];
}
