import { mondayOf, weeks } from './statistics-figures';

describe(mondayOf.name, () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026-01-11', '2026-01-05'],
    ['2026-01-01', '2025-12-29'],
  ])('%s lies in the week from %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });
});

describe(weeks.name, () => {
  it('adds the days up per week and carries the running total of the last day', () => {
    const day = (date: string, registrations: number, cumulativeRegistrations: number) => ({
      date,
      registrations,
      waitlisted: 0,
      cancellations: 1,
      cumulativeRegistrations,
    });
    expect(weeks([day('2026-01-09', 2, 2), day('2026-01-11', 3, 5), day('2026-01-12', 1, 6)])).toEqual([
      {
        week: '2026-01-05',
        date: '2026-01-05',
        registrations: 5,
        waitlisted: 0,
        cancellations: 2,
        cumulativeRegistrations: 5,
      },
      {
        week: '2026-01-12',
        date: '2026-01-12',
        registrations: 1,
        waitlisted: 0,
        cancellations: 1,
        cumulativeRegistrations: 6,
      },
    ]);
  });
});
