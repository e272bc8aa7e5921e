import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readTable } from './read-table';

describe(readTable.name, () => {
  it('reads a windows-1252 CSV with `;`, CRLF and quoted cells', async () => {
    const bytes = iconv.encode('Navn;Note\r\nSøren Ærø;"to; dele\r\nlinjer"\r\n', 'windows-1252');
    await expect(readTable(bytes)).resolves.toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      rows: [
        ['Navn', 'Note'],
        ['Søren Ærø', 'to; dele\r\nlinjer'],
      ],
    });
  });

  it('honours the `sep=` line Excel writes, keeping it as an empty row', async () => {
    const table = await readTable(Buffer.from('sep=,\nNavn,Note;x\nA,b;c\n'));
    expect(table.delimiter).toBe(',');
    expect(table.rows.slice(0, 3)).toEqual([[''], ['Navn', 'Note;x'], ['A', 'b;c']]);
  });

  it('keeps a quote inside an unquoted cell as text', async () => {
    const table = await readTable(Buffer.from('Navn;E-mail\nLars "Lasse" Hansen;l@x.dk\n'));
    expect(table.rows[1]).toEqual(['Lars "Lasse" Hansen', 'l@x.dk']);
  });

  it('reads the first sheet of a workbook as text, hyperlinks and numbers included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ark1');
    sheet.addRow(['Navn', 'E-mail', 'Kommunekode']);
    sheet.addRow(['Åse', { text: 'aase@x.dk', hyperlink: 'mailto:aase@x.dk' }, 461]);
    sheet.addRow([]);
    sheet.addRow(['Bo', 'bo@x.dk', 101]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(readTable(bytes)).resolves.toEqual({
      format: 'xlsx',
      rows: [['Navn', 'E-mail', 'Kommunekode'], ['Åse', 'aase@x.dk', '461'], [], ['Bo', 'bo@x.dk', '101']],
    });
  });

  it('refuses an empty file, an old .xls and a broken zip', async () => {
    await expect(readTable(Buffer.alloc(0))).rejects.toThrow('The file is empty');
    await expect(readTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow('.xls');
    await expect(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(
      'not an Excel workbook',
    );
  });

  it('reads a file larger than one piece with a quoted line break across the pieces, and refuses an open quote', async () => {
    const filler = 'x'.repeat(40 * 1024);
    const text = `Navn;Note\nA;${filler}\nB;"to\nlinjer"\n`;
    const table = await readTable(Buffer.from(text));
    expect(table.rows.map((r) => r[0])).toEqual(['Navn', 'A', 'B']);
    expect(table.rows[2][1]).toBe('to\nlinjer');
    await expect(readTable(Buffer.from('a;b\n"x;y\n'))).rejects.toMatchObject({
      code: 'import.csv_unreadable',
    });
  });
});
