import { danishNumber, neutralise, toCsv } from './csv';

describe(neutralise.name, () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+45 12 34 56 78', "'+45 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['-3,5', '-3,5'],
    ['-12', '-12'],
    ['-1,5e3', "'-1,5e3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Søren', 'Søren'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });
});

describe(toCsv.name, () => {
  it('writes BOM, ; and CRLF, quotes what needs quoting, neutralises formulas, empty for null', () => {
    expect(
      toCsv(
        ['Navn', 'Note'],
        [
          ['=HYPERLINK("x")', null],
          ['a;b', 'linje 1\nlinje 2'],
        ],
      ),
    ).toBe('\uFEFFNavn;Note\r\n"\'=HYPERLINK(""x"")";\r\n"a;b";"linje 1\nlinje 2"\r\n');
  });
});

describe(danishNumber.name, () => {
  it.each([
    [16.666, 1, '16,7'],
    [25, 1, '25,0'],
    [3, 0, '3'],
    [null, 1, ''],
  ])('%p with %d decimals is %j', (value, decimals, expected) => {
    expect(danishNumber(value, decimals)).toBe(expected);
  });
});
