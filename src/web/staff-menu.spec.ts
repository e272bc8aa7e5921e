import { staffMenu, staffStartPage } from './staff-menu';

const labels = (role: Parameters<typeof staffMenu>[0]) => staffMenu(role, '/').map((s) => s.label);

describe(staffMenu.name, () => {
  it('gives planners every section but the admin’s, KL statistics only, a contact its municipality only', () => {
    expect(labels('planner')).toEqual([
      'Overblik',
      'Valgperioder',
      'Medlemmer',
      'Planlægning',
      'Invitationer',
      'Deltagelse',
      'Fordeling',
      'Fremmøde',
      'Beskeder',
      'Materialer',
      'Evaluering',
      'Statistik',
    ]);
    expect(labels('admin')).toContain('Personale');
    expect(labels('kl')).toEqual(['Statistik']);
    expect(labels('municipality')).toEqual(['Min kommune']);
  });

  it.each([
    ['/valgperioder', 'Valgperioder'],
    ['/valgperioder/3', 'Valgperioder'],
    ['/valgperioder/3/medlemmer', 'Medlemmer'],
    ['/valgperioder/3/medlemmer/12/rediger', 'Medlemmer'],
    ['/statistik?cycle=2', 'Statistik'],
    ['/oversigt', 'Overblik'],
    ['/valgperioder/3/materialer/7/erstat', 'Materialer'],
    ['/valgperioder/3/evaluering/spoergeskema', 'Evaluering'],
    ['/valgperioder/3/planlaegning/boelger/4/kopier', 'Planlægning'],
    ['/steder/2/rediger', 'Planlægning'],
    ['/seminarer/7/program/3', 'Planlægning'],
    ['/seminarer/7/deltagere/udskriv', 'Planlægning'],
    ['/seminarer/7/fremmoede', 'Fremmøde'],
    ['/valgperioder/3/fordeling/12', 'Fordeling'],
    ['/beskeder/40', 'Beskeder'],
    ['/seminarer/4/fremmoede/udeblevne', 'Fremmøde'],
  ])('marks %s as %s', (path, label) => {
    const current = staffMenu('admin', path.split('?')[0]).filter((s) => s.current);
    expect(current.map((s) => s.label)).toEqual([label]);
  });

  it('marks the import as the cycles’ for a planner and as Min kommune for a contact', () => {
    const current = (role: 'planner' | 'municipality') =>
      staffMenu(role, '/valgperioder/3/import/filer/4')
        .filter((s) => s.current)
        .map((s) => s.label);
    expect(current('planner')).toEqual(['Valgperioder']);
    expect(current('municipality')).toEqual(['Min kommune']);
  });

  it('marks nothing outside the sections', () => {
    expect(staffMenu('admin', '/ukendt').some((s) => s.current)).toBe(false);
  });
});

describe(staffStartPage.name, () => {
  it.each([
    ['admin', '/oversigt'],
    ['planner', '/oversigt'],
    ['kl', '/statistik'],
    ['municipality', '/min-kommune'],
  ] as const)('starts %s at %s', (role, path) => {
    expect(staffStartPage(role)).toBe(path);
  });
});
