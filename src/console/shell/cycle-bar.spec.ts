import { Cycle } from '../../cycles/cycle.entity';
import { backInCycle, pickCycle } from './cycle-bar.service';

const cycle = (id: number, status: Cycle['status']) => ({ id, status }) as Cycle;

describe(pickCycle.name, () => {
  const newestFirst = [cycle(3, 'closed'), cycle(2, 'active'), cycle(1, 'closed')];

  it('takes the chosen cycle, else the newest that is not closed, else the newest', () => {
    expect(pickCycle(newestFirst, 1)?.id).toBe(1);
    expect(pickCycle(newestFirst, null)?.id).toBe(2);
    expect(pickCycle(newestFirst, 99)?.id).toBe(2);
    expect(pickCycle([cycle(3, 'closed'), cycle(1, 'closed')], null)?.id).toBe(3);
    expect(pickCycle([], null)).toBeNull();
  });
});

describe(backInCycle.name, () => {
  it.each([
    ['/valgperioder/3/medlemmer?q=ø', '/valgperioder/7/medlemmer'],
    ['/valgperioder/3', '/valgperioder/7'],
    ['/valgperioder/3/medlemmer/12', '/valgperioder/7/medlemmer'],
    ['/oversigt', '/oversigt'],
    ['/valgperioder', '/valgperioder'],
  ])('leads %s to %s', (back, to) => {
    expect(backInCycle(back, 7)).toBe(to);
  });

  it.each(['//evil.example/', 'https://evil.example/', '/\\evil', undefined, 42])(
    'sends %p, which is not a path of this site, to the overview',
    (back) => {
      expect(backInCycle(back, 7)).toBe('/oversigt');
    },
  );
});
