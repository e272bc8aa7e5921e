import { ParsedRow } from './member-row';
import { DecidedMember, ExistingMember, planImport } from './plan-import';

const imported = (overrides: Partial<DecidedMember> = {}): DecidedMember => ({
  name: 'Søren Ærø',
  email: 'soeren@odense.dk',
  municipalityCode: 461,
  listLetter: 'A',
  listName: 'Socialdemokratiet',
  newlyElected: true,
  ...overrides,
});
const ok = (row: number, overrides: Partial<DecidedMember> = {}): ParsedRow<DecidedMember> => ({
  row,
  ok: true,
  member: imported(overrides),
});
const existing = (overrides: Partial<ExistingMember> = {}): ExistingMember => ({
  id: 10,
  phone: '12345678',
  role: 'mayor',
  diet: 'vegetar',
  accessibility: null,
  note: null,
  ...imported(),
  ...overrides,
});
const DUPLICATE_2_3 = {
  field: 'email',
  reason: 'duplicate within the file (rows 2, 3)',
  code: 'duplicate_in_file',
  params: { rows: '2, 3' },
};

describe(planImport.name, () => {
  it('creates a member it does not know by e-mail', () => {
    const plan = planImport([ok(2)], []);
    expect(plan.rows).toEqual([{ row: 2, status: 'created', name: 'Søren Ærø', email: 'soeren@odense.dk' }]);
    expect(plan.creates).toEqual([imported()]);
    expect(plan.summary).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('leaves a member unchanged when the file agrees, ignoring fields the file has no column for', () => {
    const plan = planImport([ok(2)], [existing()]);
    expect(plan.rows).toEqual([
      { row: 2, status: 'unchanged', name: 'Søren Ærø', email: 'soeren@odense.dk', memberId: 10 },
    ]);
    expect(plan.updates).toEqual([]);
  });

  it('updates only the fields that differ, and clears a field the file leaves empty', () => {
    const plan = planImport([ok(2, { newlyElected: false, diet: null, role: 'mayor' })], [existing()]);
    expect(plan.rows[0]).toMatchObject({ status: 'updated', changes: ['newlyElected', 'diet'] });
    expect(plan.updates).toEqual([
      { id: 10, email: 'soeren@odense.dk', changes: { newlyElected: false, diet: null } },
    ]);
  });

  it('rejects every row sharing an e-mail within the file', () => {
    const plan = planImport([ok(2), ok(3, { name: 'En Anden' }), ok(4, { email: 'x@odense.dk' })], []);
    expect(plan.rows.map((r) => [r.row, r.status, r.reasons])).toEqual([
      [2, 'rejected', [DUPLICATE_2_3]],
      [3, 'rejected', [DUPLICATE_2_3]],
      [4, 'created', undefined],
    ]);
    expect(plan.creates).toHaveLength(1);
  });

  it('rejects a row whose e-mail belongs to a member of another municipality', () => {
    const plan = planImport([ok(2)], [existing({ municipalityCode: 751 })]);
    expect(plan.rows[0]).toEqual({
      row: 2,
      status: 'rejected',
      name: 'Søren Ærø',
      email: 'soeren@odense.dk',
      reasons: [
        {
          field: 'email',
          reason: 'same e-mail as another member of the cycle, in another municipality',
          code: 'email_in_other_municipality',
        },
      ],
    });
  });

  it('adds the duplicate reason to a row rejected for other reasons', () => {
    const bad: ParsedRow<DecidedMember> = {
      row: 3,
      ok: false,
      name: null,
      email: 'soeren@odense.dk',
      municipalityCode: 461,
      reasons: [{ field: 'name', reason: 'missing', code: 'missing' }],
    };
    const plan = planImport([ok(2), bad], []);
    expect(plan.rows[1].reasons).toEqual([
      { field: 'name', reason: 'missing', code: 'missing' },
      DUPLICATE_2_3,
    ]);
    expect(plan.summary).toMatchObject({ created: 0, rejected: 2 });
  });

  it("rejects, for a municipality's own import, the rows of other municipalities, also rejected ones", () => {
    const rows: ParsedRow<DecidedMember>[] = [
      ok(2),
      ok(3, { municipalityCode: 751, email: 'aarhus@aarhus.dk' }),
      { row: 4, ok: false, name: 'X', email: null, municipalityCode: 101, reasons: [] },
      { row: 5, ok: false, name: 'Y', email: null, municipalityCode: null, reasons: [] },
    ];
    const plan = planImport(rows, [], 461);
    expect(plan.rows.map((r) => [r.row, r.status, r.reasons?.map((p) => p.code)])).toEqual([
      [2, 'created', undefined],
      [3, 'rejected', ['other_municipality']],
      [4, 'rejected', ['other_municipality']],
      [5, 'rejected', []],
    ]);
  });
});
