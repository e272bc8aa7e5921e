import { changesOf } from './staff-events';

describe(changesOf.name, () => {
  const planner = { role: 'planner' as const, name: 'Pia', disabledAt: null, municipalityCode: null };

  it('names nothing when nothing changed', () => {
    expect(changesOf(planner, { ...planner }, false)).toEqual([]);
  });

  it('names each change in a fixed order', () => {
    const after = {
      role: 'municipality' as const,
      name: 'Pia P.',
      disabledAt: new Date(),
      municipalityCode: 461,
    };
    expect(changesOf(planner, after, true)).toEqual([
      'staff.role',
      'staff.rename',
      'staff.municipality',
      'staff.disable',
      'staff.password_reset',
    ]);
  });

  it('tells closing from opening, and an account closed again from a new closing', () => {
    const closed = { ...planner, disabledAt: new Date('2026-01-01T10:00:00Z') };
    expect(changesOf(closed, planner, false)).toEqual(['staff.enable']);
    expect(changesOf(closed, { ...closed }, false)).toEqual([]);
  });
});
