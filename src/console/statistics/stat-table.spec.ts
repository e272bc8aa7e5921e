import { danishValue, searchRows, sortRows, StatTable, tableCsv } from './stat-table';

const table: StatTable = {
  id: 'kommuner',
  caption: 'Kommuner',
  columns: [
    { key: 'kommune', label: 'Kommune', numeric: false },
    { key: 'region', label: 'Region', numeric: false },
    { key: 'daekning', label: 'Dækning (%)', numeric: true },
  ],
  rows: [
    ['Århus', 'Region Midtjylland', '2,5'],
    ['Odense', 'Region Syddanmark', '12,0'],
    ['København', 'Region Hovedstaden', '–'],
    ['Aabenraa', 'Region Syddanmark', '2,5'],
  ],
  footer: [['Hele landet', '', '5,0']],
};

describe(danishValue.name, () => {
  it.each([
    ['12,0', 12],
    ['-3,5', -3.5],
    ['2500', 2500],
    ['–', null],
    ['', null],
    ['skjult', null],
  ])('%j is %p', (cell, value) => {
    expect(danishValue(cell)).toBe(value);
  });
});

describe(sortRows.name, () => {
  it('sorts numbers as numbers, a row without one last, equal rows in their order', () => {
    const names = (t: StatTable) => t.rows.map((r) => r[0]);
    expect(names(sortRows(table, { column: 'daekning', direction: 'ned' }))).toEqual([
      'Odense',
      'Århus',
      'Aabenraa',
      'København',
    ]);
    expect(names(sortRows(table, { column: 'daekning', direction: 'op' }))).toEqual([
      'Århus',
      'Aabenraa',
      'Odense',
      'København',
    ]);
  });

  it('sorts names in Danish order (Aa and Å last)', () => {
    expect(sortRows(table, { column: 'kommune', direction: 'op' }).rows.map((r) => r[0])).toEqual([
      'København',
      'Odense',
      'Aabenraa',
      'Århus',
    ]);
  });

  it('leaves the table alone for a column it does not have', () => {
    expect(sortRows(table, { column: 'x', direction: 'op' })).toBe(table);
  });
});

describe(searchRows.name, () => {
  it('finds the name or the region, case aside', () => {
    expect(searchRows(table, 'SYD').rows.map((r) => r[0])).toEqual(['Odense', 'Aabenraa']);
    expect(searchRows(table, 'århus').rows).toHaveLength(1);
    expect(searchRows(table, '  ').rows).toHaveLength(4);
  });
});

describe(tableCsv.name, () => {
  it('holds the header, the rows in their order and the totals', () => {
    const csv = tableCsv(searchRows(table, 'syd'));
    expect(csv).toBe(
      '\uFEFFKommune;Region;Dækning (%)\r\nOdense;Region Syddanmark;12,0\r\nAabenraa;Region Syddanmark;2,5\r\nHele landet;;5,0\r\n',
    );
  });
});
