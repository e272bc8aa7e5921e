import { nameKey, proposeNewlyElected } from './newly-elected';

describe(nameKey.name, () => {
  it.each([
    ['Søren Ærø', 'SOEREN AEROE'],
    ['Åse Bøgh', 'Aase Boegh'],
    ['Åse Bøgh', 'aase  bøgh'],
    ['Karen-Marie Sørensen', 'Karen Marie Soerensen'],
    ['Jens P. Ålund', 'jens p aalund'],
    ['Björn Kjærsgaard', 'Bjørn Kjaersgaard'],
    ['René Hjort', 'Rene Hjort'],
    ['Bjørn\u00a0Kjær', 'Bjørn Kjær'],
    ['A\u030ase Bøgh', 'Åse Bøgh'],
  ])('spells %j and %j alike', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ['Søren Ærø', 'Soren Aero'],
    ['Jens Hansen', 'Jens Hanssen'],
    ['Karen Sørensen', 'Karen Marie Sørensen'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe(proposeNewlyElected.name, () => {
  const previous = [
    { id: 10, name: 'Ib Ærenstrøm', municipalityCode: 492 },
    { id: 11, name: 'Karen Søndergård', municipalityCode: 492 },
    { id: 12, name: 'Jens Hansen', municipalityCode: 461 },
    { id: 13, name: null, municipalityCode: 492 },
  ];
  const rows = [
    { row: 2, name: 'IB AERENSTROEM', municipalityCode: 492 },
    { row: 3, name: 'Karen Sondergard', municipalityCode: 492 },
    { row: 4, name: 'Jens Hansen', municipalityCode: 492 },
    { row: 5, name: 'Jens Hansen', municipalityCode: 461 },
  ];

  it('matches the same name in the same municipality; anybody else is newly elected', () => {
    expect(proposeNewlyElected(rows, previous)).toEqual([
      {
        ...rows[0],
        previous: { memberId: 10, name: 'Ib Ærenstrøm' },
        proposed: false,
        newlyElected: false,
        corrected: false,
      },
      { ...rows[1], previous: null, proposed: true, newlyElected: true, corrected: false },
      { ...rows[2], previous: null, proposed: true, newlyElected: true, corrected: false },
      {
        ...rows[3],
        previous: { memberId: 12, name: 'Jens Hansen' },
        proposed: false,
        newlyElected: false,
        corrected: false,
      },
    ]);
  });

  it('proposes everybody as newly elected without a previous register', () => {
    expect(proposeNewlyElected(rows, []).map((m) => m.newlyElected)).toEqual([true, true, true, true]);
  });

  it('lets the planner correct single rows either way', () => {
    const decided = proposeNewlyElected(rows, previous, { accept: true, newlyElected: [2], reElected: [3] });
    expect(decided.map((m) => [m.row, m.proposed, m.newlyElected, m.corrected])).toEqual([
      [2, false, true, true],
      [3, true, false, true],
      [4, true, true, false],
      [5, false, false, false],
    ]);
  });
});
