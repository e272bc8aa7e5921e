import { loadReferenceData } from '../reference/reference-data';
import { buildReferenceLookup, foldName, resolveList, splitListCell } from './member-rules';

const { municipalities, parties } = loadReferenceData();
const lookup = buildReferenceLookup(municipalities, parties);

describe(foldName.name, () => {
  it('makes Århus and Aarhus, Høje Taastrup and Høje-Taastrup the same', () => {
    expect(foldName('Århus')).toBe(foldName('Aarhus'));
    expect(foldName('Høje Taastrup')).toBe(foldName('Høje-Taastrup'));
  });
});

describe('municipality lookup', () => {
  it.each([
    ['461', 461],
    ['0101', 101],
    ['Odense', 461],
    ['odense kommune', 461],
    ['Københavns Kommune', 101],
    ['Bornholms Regionskommune', 400],
    ['Ærø', 492],
    ['AEROE', 492],
    ['Lyngby-Taarbæk Kommune', 173],
    ['999', null],
    ['Atlantis', null],
  ])('%j is %j', (value, code) => {
    expect(lookup.municipality(value)).toBe(code);
  });
});

describe(splitListCell.name, () => {
  it.each([
    ['A', { letter: 'A', name: null }],
    ['Ø', { letter: 'Ø', name: null }],
    ['A - Socialdemokratiet', { letter: 'A', name: 'Socialdemokratiet' }],
    ['L. Lokallisten', { letter: 'L', name: 'Lokallisten' }],
    ['Lokallisten (L)', { letter: 'L', name: 'Lokallisten' }],
    ['Venstre', { letter: null, name: 'Venstre' }],
  ])('%j', (cell, expected) => {
    expect(splitListCell(cell)).toEqual(expected);
  });
});

describe(resolveList.name, () => {
  it('names a national party from its letter and finds the letter from its name', () => {
    expect(resolveList('v', null, lookup)).toEqual({ letter: 'V', name: 'Venstre, Danmarks Liberale Parti' });
    expect(resolveList(null, 'Alternativet', lookup)).toEqual({ letter: 'Å', name: 'Alternativet' });
  });

  it('needs both letter and name for a local list', () => {
    expect(resolveList('L', 'Lokallisten', lookup)).toEqual({ letter: 'L', name: 'Lokallisten' });
    expect(resolveList('L', null, lookup)).toEqual({
      problem: "list L is not a national party: give the local list's name too",
      code: 'list_needs_name',
      params: { letter: 'L' },
    });
    expect(resolveList(null, 'Lokallisten', lookup)).toEqual({
      problem: '"Lokallisten" is not a national party: give the local list\'s letter too',
      code: 'list_needs_letter',
      params: { name: 'Lokallisten' },
    });
    expect(resolveList('12', null, lookup)).toEqual({
      problem: '"12" is not a list letter',
      code: 'list_letter_invalid',
      params: { value: '12' },
    });
    expect(resolveList(null, null, lookup)).toEqual({ problem: 'missing', code: 'missing' });
  });
});
