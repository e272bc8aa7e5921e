import { accountRow, auditRows, isAction, roleChoices } from './staff-view';

describe('Personale view', () => {
  const municipalities = new Map([[461, 'Odense']]);
  const contact = {
    id: 7,
    name: 'Sekretariatet',
    email: 'sek@odense.dk',
    role: 'municipality' as const,
    municipalityCode: 461,
    disabledAt: null,
    totpEnabledAt: new Date('2026-01-02T09:00:00Z'),
  };

  it('shows an account in Danish, the municipality by name and the last sign-in as a Danish date', () => {
    expect(accountRow(contact, municipalities, new Date('2026-01-13T09:00:00Z'))).toEqual({
      id: 7,
      name: 'Sekretariatet',
      email: 'sek@odense.dk',
      role: 'Kommunal kontaktperson',
      municipality: 'Odense',
      disabled: false,
      secondFactor: 'Til',
      secondFactorOn: true,
      lastSignIn: 'tirsdag den 13. januar 2026 kl. 10.00',
    });
    const planner = { ...contact, role: 'planner' as const, municipalityCode: null, totpEnabledAt: null };
    expect(accountRow(planner, municipalities)).toMatchObject({
      role: 'Planlægger',
      municipality: '',
      secondFactor: 'Fra',
      lastSignIn: 'Aldrig',
    });
  });

  it('offers every role, the given one chosen', () => {
    expect(
      roleChoices('kl')
        .filter((c) => c.selected)
        .map((c) => c.label),
    ).toEqual(['KL-analytiker']);
    expect(roleChoices('kl').map((c) => c.value)).toEqual(['admin', 'planner', 'kl', 'municipality']);
  });

  it('tells who changed an account by name, or the command line', () => {
    const at = new Date('2026-01-13T09:00:00Z');
    expect(
      auditRows(
        [
          { at, action: 'staff.disable', actorStaffId: 1 },
          { at, action: 'staff.create', actorStaffId: null },
        ],
        new Map([[1, 'Ada Admin']]),
      ),
    ).toEqual([
      { at: 'tirsdag den 13. januar 2026 kl. 10.00', what: 'Lukket', by: 'Ada Admin' },
      { at: 'tirsdag den 13. januar 2026 kl. 10.00', what: 'Oprettet', by: 'kommandolinjen' },
    ]);
  });

  it('knows its own actions only', () => {
    expect(['luk', 'genaabn', 'totrin', 'sessioner', 'toString', 'rolle'].map(isAction)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
