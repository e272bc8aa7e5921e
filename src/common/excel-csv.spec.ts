import { excelCsv, neutralise } from './excel-csv';

describe(neutralise.name, () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+45 12 34 56 78', "'+45 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Søren', 'Søren'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });
});

describe(excelCsv.name, () => {
  it('writes a BOM, semicolons, CRLF and quotes only where needed', () => {
    expect(
      excelCsv([
        ['Navn', 'Note'],
        ['Åse "Aase"', 'a;b'],
        [null, '=1+1'],
      ]),
    ).toBe('\uFEFFNavn;Note\r\n"Åse ""Aase""";"a;b"\r\n;\'=1+1\r\n');
  });
});
