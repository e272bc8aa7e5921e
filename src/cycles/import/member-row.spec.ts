import { loadReferenceData } from '../../reference/reference-data';
import { buildReferenceLookup } from '../member-rules';
import { mapColumns } from './columns';
import { parseMemberRow } from './member-row';

const { municipalities, parties } = loadReferenceData();
const lookup = buildReferenceLookup(municipalities, parties);
const columns = mapColumns(['Navn', 'E-mail', 'Kommune', 'Parti', 'Nyvalgt', 'Rolle', 'Kost']);
const parse = (
  cells: Partial<Record<'name' | 'email' | 'kommune' | 'parti' | 'ny' | 'rolle' | 'kost', string>>,
) =>
  parseMemberRow(
    [
      cells.name ?? 'Søren Ærø',
      cells.email ?? 'Soeren@Odense.dk',
      cells.kommune ?? 'Odense',
      cells.parti ?? 'A',
      cells.ny ?? 'ja',
      cells.rolle ?? '',
      cells.kost ?? '',
    ],
    7,
    columns,
    lookup,
  );

describe(parseMemberRow.name, () => {
  it('reads a good row into a member', () => {
    expect(parse({})).toEqual({
      row: 7,
      ok: true,
      member: {
        name: 'Søren Ærø',
        email: 'soeren@odense.dk',
        municipalityCode: 461,
        listLetter: 'A',
        listName: 'Socialdemokratiet',
        newlyElected: true,
        role: 'member',
        diet: null,
      },
    });
  });

  it.each([
    ['ja', true],
    ['JA', true],
    ['x', true],
    ['1', true],
    ['true', true],
    ['nej', false],
    ['', false],
    ['0', false],
    ['False', false],
  ])('reads Nyvalgt %j as %s', (value, expected) => {
    expect(parse({ ny: value })).toMatchObject({ ok: true, member: { newlyElected: expected } });
  });

  it.each([
    ['Borgmester', 'mayor'],
    ['1. viceborgmester', 'deputy_mayor'],
    ['Udvalgsformand', 'committee_chair'],
    ['Byrådsmedlem', 'member'],
  ])('reads the role %j as %s', (value, role) => {
    expect(parse({ rolle: value })).toMatchObject({ ok: true, member: { role } });
  });

  it('gives every reason a row is rejected, keeping what it could read', () => {
    expect(
      parse({ name: ' ', email: 'a@b', kommune: 'Atlantis', parti: 'Q', ny: 'måske', rolle: 'konge' }),
    ).toEqual({
      row: 7,
      ok: false,
      name: null,
      email: 'a@b',
      municipalityCode: null,
      reasons: [
        { field: 'name', reason: 'missing', code: 'missing' },
        {
          field: 'email',
          reason: '"a@b" is not an e-mail address',
          code: 'email_invalid',
          params: { value: 'a@b' },
        },
        {
          field: 'municipality',
          reason: 'unknown municipality "Atlantis"',
          code: 'municipality_unknown',
          params: { value: 'Atlantis' },
        },
        {
          field: 'list',
          reason: "list Q is not a national party: give the local list's name too",
          code: 'list_needs_name',
          params: { letter: 'Q' },
        },
        {
          field: 'newlyElected',
          reason: '"måske" is not ja/nej, x/blank, 1/0 or true/false',
          code: 'newly_elected_invalid',
          params: { value: 'måske' },
        },
        { field: 'role', reason: 'unknown role "konge"', code: 'role_unknown', params: { value: 'konge' } },
      ],
    });
  });

  it('refuses a CPR-like number in any field it reads, but not a phone number', () => {
    expect(parse({ kost: 'se 010203-1234' })).toMatchObject({
      ok: false,
      reasons: [{ field: 'diet', code: 'cpr_like' }],
    });
    expect(parse({ name: 'Jens 3112991234' })).toMatchObject({
      ok: false,
      reasons: [{ field: 'name', code: 'cpr_like' }],
    });
    expect(parse({ kost: 'tlf. 4562521001, 12345678, 320199-1234' })).toMatchObject({ ok: true });
  });

  it('leaves Nyvalgt out when the file has no column for it', () => {
    const withoutColumn = mapColumns(['Navn', 'E-mail', 'Kommune', 'Parti']);
    const row = parseMemberRow(['Søren Ærø', 'soeren@odense.dk', 'Odense', 'A'], 2, withoutColumn, lookup);
    expect(row).toMatchObject({ ok: true });
    expect(row.ok && 'newlyElected' in row.member).toBe(false);
  });

  it('refuses values longer than the register holds', () => {
    expect(parse({ kost: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      reasons: [
        { field: 'diet', reason: 'longer than 500 characters', code: 'too_long', params: { max: 500 } },
      ],
    });
  });

  it('takes off the apostrophe the export puts before a formula-like cell', () => {
    expect(parse({ name: "'=Søren" })).toMatchObject({ ok: true, member: { name: '=Søren' } });
    expect(parse({ name: "'Søren" })).toMatchObject({ ok: true, member: { name: "'Søren" } });
  });

  it('folds the control characters the API refuses: one line for a name, line breaks kept in a diet', () => {
    expect(
      parse({ name: 'Eva\r\nBcc: evil@x.dk', kost: 'Ingen gluten\r\nIngen nødder\u0007\u2028' }),
    ).toMatchObject({
      ok: true,
      member: { name: 'Eva Bcc: evil@x.dk', diet: 'Ingen gluten\r\nIngen nødder' },
    });
    expect(parse({ name: 'Søren\u0000\u0085Ærø\u2029' })).toMatchObject({
      ok: true,
      member: { name: 'Søren Ærø' },
    });
    expect(parse({ email: 'eva\u0007@odense.dk' })).toMatchObject({
      ok: false,
      reasons: [{ field: 'email', reason: '"eva @odense.dk" is not an e-mail address' }],
    });
  });

  it('leaves out optional fields the file has no column for', () => {
    const narrow = mapColumns(['Navn', 'E-mail', 'Kommune', 'Parti', 'Nyvalgt']);
    const parsed = parseMemberRow(['A B', 'a@b.dk', '101', 'V', 'nej'], 2, narrow, lookup);
    expect(parsed.ok && Object.keys(parsed.member).sort()).toEqual(
      ['email', 'listLetter', 'listName', 'municipalityCode', 'name', 'newlyElected'].sort(),
    );
  });
});
