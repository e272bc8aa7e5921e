import ExcelJS from 'exceljs';
import { sniffMaterialType, zipEntryNames } from './content-sniffing';

/** A stored (uncompressed) zip with the given entry names, central directory included. */
function zipWith(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe(sniffMaterialType.name, () => {
  it('recognises PDF, PNG and JPEG by their first bytes whatever the name says', () => {
    expect(sniffMaterialType(Buffer.from('%PDF-1.7\n…'), 'slides.bin')).toEqual({
      type: 'pdf',
      contentType: 'application/pdf',
    });
    expect(sniffMaterialType(Buffer.from('89504e470d0a1a0a0000', 'hex'), 'kort.png')?.contentType).toBe(
      'image/png',
    );
    expect(sniffMaterialType(Buffer.from('ffd8ffe000104a46', 'hex'), 'foto.jpg')?.contentType).toBe(
      'image/jpeg',
    );
  });

  it('refuses a Windows program renamed to .pdf, plain text and an empty file', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    expect(sniffMaterialType(exe, 'program.pdf')).toBeNull();
    expect(sniffMaterialType(Buffer.from('hello'), 'notes.pdf')).toBeNull();
    expect(sniffMaterialType(Buffer.alloc(0), 'tom.pdf')).toBeNull();
  });

  it('accepts an Office Open XML file only when its zip holds [Content_Types].xml and the part of its extension', () => {
    const pptx = zipWith(['[Content_Types].xml', '_rels/.rels', 'ppt/presentation.xml']);
    expect(sniffMaterialType(pptx, 'Økonomi.pptx')).toEqual({
      type: 'ooxml',
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    });
    expect(sniffMaterialType(pptx, 'Økonomi.docx')).toBeNull();
    expect(sniffMaterialType(pptx, 'Økonomi.zip')).toBeNull();
    expect(sniffMaterialType(zipWith(['ppt/presentation.xml']), 'a.pptx')).toBeNull();
    expect(sniffMaterialType(zipWith(['[Content_Types].xml', 'word/document.xml']), 'a.docx')?.type).toBe(
      'ooxml',
    );
  });

  it('reads the entries of a real spreadsheet written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Ark1').addRow(['Æblegrød', 1]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(zipEntryNames(xlsx)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    expect(sniffMaterialType(xlsx, 'budget.xlsx')?.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('accepts the legacy OLE2 format for .ppt, .doc and .xls only', () => {
    expect(sniffMaterialType(OLE2, 'gammel.ppt')?.contentType).toBe('application/vnd.ms-powerpoint');
    expect(sniffMaterialType(OLE2, 'gammel.DOC')?.contentType).toBe('application/msword');
    expect(sniffMaterialType(OLE2, 'gammel.msi')).toBeNull();
  });

  it('refuses a truncated zip whose central directory points outside the file', () => {
    const broken = zipWith(['[Content_Types].xml', 'ppt/x.xml']).subarray(0, 40);
    expect(
      sniffMaterialType(Buffer.concat([broken, Buffer.from('504b0506', 'hex'), Buffer.alloc(18)]), 'a.pptx'),
    ).toBeNull();
  });
});
