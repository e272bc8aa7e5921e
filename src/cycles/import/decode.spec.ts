import iconv from 'iconv-lite';
import { decodeText, detectDelimiter } from './decode';

describe(decodeText.name, () => {
  const text = 'Navn;Kommune\nSøren Ærø;Åbenrå\n';

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
  });

  it('falls back to windows-1252 when the bytes are not valid UTF-8', () => {
    expect(decodeText(iconv.encode(text, 'windows-1252'))).toEqual({ text, encoding: 'windows-1252' });
  });

  it('reads windows-1252 characters outside Latin-1, such as the en dash and the euro sign', () => {
    const bytes = iconv.encode('Enhedslisten – De Rød-Grønne;€', 'windows-1252');
    expect(bytes.includes(0x96)).toBe(true);
    expect(decodeText(bytes).text).toBe('Enhedslisten – De Rød-Grønne;€');
  });

  it('reads UTF-16 with its BOM, as Excel saves "Unicode text"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe(detectDelimiter.name, () => {
  it.each([
    ['Navn;E-mail;Kommune', ';'],
    ['name,email,municipality', ','],
    ['Navn\tE-mail\tKommune', '\t'],
    ['"Navn, fulde";E-mail;Kommune\nA,B,C,D,E', ';'],
    ['Navn', ';'],
  ])('reads %j as split by %j', (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });
});
