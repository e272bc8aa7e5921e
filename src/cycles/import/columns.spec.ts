import { DomainError } from '../../common/domain-error';
import { fieldOfHeader, findHeader, mapColumns } from './columns';

describe(fieldOfHeader.name, () => {
  it.each([
    ['Navn', 'name'],
    [' NAVN ', 'name'],
    ['name', 'name'],
    ['E-mail', 'email'],
    ['e-mail adresse', 'email'],
    ['Email', 'email'],
    ['Kommune', 'municipality'],
    ['Kommunekode', 'municipalityCode'],
    ['Kommunenavn', 'municipalityName'],
    ['Parti', 'list'],
    ['Liste', 'list'],
    ['Partibogstav', 'listLetter'],
    ['Listenavn', 'listName'],
    ['Nyvalgt (ja/nej)', 'newlyElected'],
    ['Newly elected', 'newlyElected'],
    ['Tilgængelighed', 'accessibility'],
    ['Kost/allergier', 'diet'],
    ['Bemærkning', 'note'],
  ])('%j means %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('reads no column it does not know, such as a CPR number', () => {
    expect(fieldOfHeader('CPR-nummer')).toBeUndefined();
  });
});

describe(mapColumns.name, () => {
  it('maps the columns and lists the ignored ones', () => {
    expect(mapColumns(['Navn', 'E-mail', 'Kommune', 'Parti', 'Nyvalgt', 'CPR', ''])).toEqual({
      index: { name: 0, email: 1, municipality: 2, list: 3, newlyElected: 4 },
      ignored: ['CPR'],
    });
  });

  it('accepts first and last name in place of a name', () => {
    expect(mapColumns(['Fornavn', 'Efternavn', 'Mail', 'Kommune', 'Liste', 'Ny']).index).toMatchObject({
      firstName: 0,
      lastName: 1,
    });
  });

  it('names every missing required column and every column given twice', () => {
    let error: unknown;
    try {
      mapColumns(['Navn', 'name', 'Parti']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details?.map((d) => d.reason)).toEqual([
      'two columns mean name: "Navn" and "name"',
      'no column for the e-mail (E-mail/email)',
      'no column for the municipality (Kommune)',
    ]);
  });

  it('takes a file without a Nyvalgt column (the import proposes the flag)', () => {
    expect(mapColumns(['Navn', 'E-mail', 'Kommune', 'Parti']).index.newlyElected).toBeUndefined();
  });
});

describe(findHeader.name, () => {
  const header = ['Navn', 'E-mail', 'Kommune', 'Parti', 'Nyvalgt'];

  it('takes the first row when it is the header', () => {
    expect(findHeader([header, ['a']]).headerIndex).toBe(0);
  });

  it('skips a title and empty rows above the header', () => {
    expect(findHeader([['Valgte ved KV25', '', ''], ['', ''], header]).headerIndex).toBe(2);
  });

  it('reports the problems of the first non-empty row when no row is a header', () => {
    expect(() => findHeader([[''], ['Navn', 'Alder'], ['Jens', '40']])).toThrow(
      'The header row cannot be used: no column for the e-mail',
    );
    expect(() => findHeader([])).toThrow('The file has no header row');
  });
});
