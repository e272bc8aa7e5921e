import { Options, parse } from 'csv-parse';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DomainError } from '../../common/domain-error';
import { decodeText, Delimiter, detectDelimiter, TextEncoding } from './decode';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** Every row including the header, as text; index + 1 is the row number Excel shows. */
  rows: string[][];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads a CSV or XLSX file, recognised by its bytes rather than its name. */
export async function readTable(bytes: Buffer): Promise<Table> {
  if (bytes.length === 0)
    throw new DomainError('validation_failed', 'import.file_empty', 'The file is empty', [
      fileProblem('empty'),
    ]);
  if (startsWith(bytes, OLE)) {
    throw new DomainError(
      'validation_failed',
      'import.xls_not_supported',
      'Old Excel files (.xls) are not read: save as .xlsx or CSV',
      [fileProblem('.xls is not supported; use .xlsx or CSV')],
    );
  }
  return startsWith(bytes, ZIP) ? readXlsx(bytes) : readCsv(bytes);
}

function fileProblem(reason: string) {
  return { field: 'file', reason };
}

async function readCsv(bytes: Buffer): Promise<Table> {
  const decoded = decodeText(bytes);
  // Excel writes and honours a first line `sep=;`; it is kept as an empty row so row numbers stay.
  const sep = /^sep=([;,\t])\r?\n/i.exec(decoded.text);
  const text = sep ? decoded.text.slice(sep[0].length - 1) : decoded.text;
  const delimiter = sep ? (sep[1] as Delimiter) : detectDelimiter(text);
  try {
    const rows = await parseInPieces(text, {
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted cell (Lars "Lasse" Hansen) is part of the text.
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    });
    const encoding = decoded.encoding;
    return { format: 'csv', encoding, delimiter, rows };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError(
      'validation_failed',
      'import.csv_unreadable',
      `The CSV file cannot be read: ${reason}`,
      [fileProblem(reason)],
    );
  }
}

const PIECE = 32 * 1024;

/** Parses the text a piece at a time, giving the event loop a turn between pieces (a whole country's file). */
async function parseInPieces(text: string, options: Options): Promise<string[][]> {
  const parser = parse(options);
  const rows: string[][] = [];
  let failure: unknown;
  parser.on('readable', () => {
    for (let row = parser.read() as string[] | null; row !== null; row = parser.read() as string[] | null)
      rows.push(row);
  });
  parser.on('error', (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => parser.on('close', resolve));
  for (let i = 0; i < text.length && failure === undefined; i += PIECE) {
    parser.write(text.slice(i, i + PIECE));
    await yieldToEventLoop();
  }
  parser.end();
  await ended;
  if (failure !== undefined) throw failure;
  return rows;
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  // Loaded on the first spreadsheet, not at start-up: exceljs is a tenth of the app's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError(
      'validation_failed',
      'import.xlsx_invalid',
      'The file looks like a zip but is not an Excel workbook',
      [fileProblem('not a valid .xlsx')],
    );
  }
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text.trim();
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return { format: 'xlsx', rows: Array.from(rows, (r) => r ?? []) };
}
