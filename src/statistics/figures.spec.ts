import {
  byMunicipality,
  byParty,
  byRegion,
  byWave,
  dailyTimeline,
  dayInCopenhagen,
  MemberGroup,
  rate,
  SeminarCounts,
  seminarFigures,
  totals,
} from './figures';

const group = (
  municipalityCode: number,
  listLetter: string,
  counts: Partial<MemberGroup> = {},
): MemberGroup => ({
  municipalityCode,
  listLetter,
  newlyElected: 0,
  invited: 0,
  declined: 0,
  registered: 0,
  waitlisted: 0,
  attended: 0,
  noShows: 0,
  ...counts,
});

const municipalities = [
  { code: 461, name: 'Odense', regionCode: 1083 },
  { code: 101, name: 'København', regionCode: 1084 },
  { code: 479, name: 'Svendborg', regionCode: 1083 },
];
const regions = [
  { code: 1084, name: 'Region Hovedstaden' },
  { code: 1083, name: 'Region Syddanmark' },
];

describe(rate.name, () => {
  it.each([
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [0, 5, 0],
    [5, 5, 1],
    [1, 0, null],
  ])('%d of %d is %p', (part, whole, expected) => {
    expect(rate(part, whole)).toBe(expected);
  });
});

describe(totals.name, () => {
  it('adds the groups and divides attended by newly elected', () => {
    expect(
      totals([
        group(461, 'A', { newlyElected: 3, attended: 1, invited: 2 }),
        group(101, 'V', { newlyElected: 1 }),
      ]),
    ).toEqual({
      newlyElected: 4,
      invited: 2,
      declined: 0,
      registered: 0,
      waitlisted: 0,
      attended: 1,
      noShows: 0,
      coverage: 0.25,
    });
  });

  it('has no coverage without newly elected', () => {
    expect(totals([]).coverage).toBeNull();
  });
});

describe(byMunicipality.name, () => {
  it('lists every municipality by code, summing its list letters, zeros where nobody was elected', () => {
    const result = byMunicipality(
      [group(461, 'A', { newlyElected: 2, attended: 1 }), group(461, 'L', { newlyElected: 2, attended: 2 })],
      municipalities,
    );
    expect(result.map((m) => [m.municipalityCode, m.newlyElected, m.coverage])).toEqual([
      [101, 0, null],
      [461, 4, 0.75],
      [479, 0, null],
    ]);
  });
});

describe(byRegion.name, () => {
  it('sums municipalities into their regions, ordered by region code', () => {
    const result = byRegion(
      [group(461, 'A', { newlyElected: 2, attended: 1 }), group(479, 'A', { newlyElected: 2, noShows: 1 })],
      municipalities,
      regions,
    );
    expect(result).toEqual([
      expect.objectContaining({ regionCode: 1083, newlyElected: 4, attended: 1, noShows: 1, coverage: 0.25 }),
      expect.objectContaining({ regionCode: 1084, newlyElected: 0, coverage: null }),
    ]);
  });
});

describe(byParty.name, () => {
  it('keeps national letters apart, in Danish alphabetical order, and puts all local lists in one row last', () => {
    const parties = [
      { letter: 'Ø', name: 'Enhedslisten' },
      { letter: 'A', name: 'Socialdemokratiet' },
      { letter: 'Å', name: 'Alternativet' },
      { letter: 'Æ', name: 'Danmarksdemokraterne' },
    ];
    const result = byParty(
      [
        group(461, 'A', { newlyElected: 2, attended: 2 }),
        group(461, 'L', { newlyElected: 1 }),
        group(101, 'Q', { newlyElected: 1, attended: 1 }),
      ],
      parties,
    );
    expect(result.map((p) => [p.letter, p.newlyElected, p.coverage])).toEqual([
      ['A', 2, 1],
      ['Æ', 0, null],
      ['Ø', 0, null],
      ['Å', 0, null],
      [null, 2, 0.5],
    ]);
    expect(result[4].name).toBe('Lokallister');
  });
});

const seminar = (over: Partial<SeminarCounts>): SeminarCounts => ({
  seminarId: 1,
  title: 'S',
  waveId: 1,
  venue: 'Hotel, By',
  startsAt: new Date('2026-01-15T12:00:00Z'),
  status: 'published',
  capacity: 25,
  registered: 0,
  waitlisted: 0,
  attended: 0,
  noShows: 0,
  ...over,
});

describe(seminarFigures.name, () => {
  it('orders by start and gives the fill rate of the seats held', () => {
    const result = seminarFigures([
      seminar({ seminarId: 2, startsAt: new Date('2026-02-01T12:00:00Z'), registered: 25 }),
      seminar({ seminarId: 1, registered: 10 }),
    ]);
    expect(result.map((s) => [s.seminarId, s.fillRate, s.startsAt])).toEqual([
      [1, 0.4, '2026-01-15T12:00:00.000Z'],
      [2, 1, '2026-02-01T12:00:00.000Z'],
    ]);
  });
});

describe(byWave.name, () => {
  it('sums seminars per wave, leaves a cancelled seminar out of the capacity, keeps empty waves', () => {
    const waves = [
      { id: 2, name: 'Periode 2', registrationOpensAt: new Date('2026-02-01T00:00:00Z') },
      { id: 1, name: 'Periode 1', registrationOpensAt: new Date('2026-01-01T00:00:00Z') },
    ];
    const result = byWave(waves, [
      seminar({ waveId: 1, capacity: 20, registered: 15, attended: 12, noShows: 3 }),
      seminar({ waveId: 1, capacity: 20, status: 'cancelled' }),
    ]);
    expect(result).toEqual([
      {
        waveId: 1,
        name: 'Periode 1',
        seminars: 2,
        capacity: 20,
        registered: 15,
        waitlisted: 0,
        attended: 12,
        noShows: 3,
        fillRate: 0.75,
      },
      {
        waveId: 2,
        name: 'Periode 2',
        seminars: 0,
        capacity: 0,
        registered: 0,
        waitlisted: 0,
        attended: 0,
        noShows: 0,
        fillRate: null,
      },
    ]);
  });
});

describe(dayInCopenhagen.name, () => {
  it.each([
    ['2026-01-05T22:59:59Z', '2026-01-05'],
    ['2026-01-05T23:00:00Z', '2026-01-06'],
    // Summer time: midnight in Copenhagen is 22:00 UTC.
    ['2026-06-10T21:59:59Z', '2026-06-10'],
    ['2026-06-10T22:00:00Z', '2026-06-11'],
    // The night summer time begins (29 March 2026, 02:00 → 03:00).
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:00Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
  ])('%s is %s', (instant, day) => {
    expect(dayInCopenhagen(new Date(instant))).toBe(day);
  });
});

describe(dailyTimeline.name, () => {
  it('counts per day, fills quiet days, and adds up the registrations', () => {
    const at = (s: string) => new Date(s);
    const result = dailyTimeline([
      { kind: 'registered', at: at('2026-01-05T10:00:00Z'), count: 3 },
      { kind: 'promoted', at: at('2026-01-05T23:30:00Z'), count: 1 },
      { kind: 'waitlisted', at: at('2026-01-06T10:00:00Z'), count: 2 },
      { kind: 'seminar_cancelled', at: at('2026-01-08T10:00:00Z'), count: 4 },
      { kind: 'cancelled', at: at('2026-01-08T11:00:00Z'), count: 1 },
    ]);
    expect(result).toEqual([
      { date: '2026-01-05', registrations: 3, waitlisted: 0, cancellations: 0, cumulativeRegistrations: 3 },
      { date: '2026-01-06', registrations: 1, waitlisted: 2, cancellations: 0, cumulativeRegistrations: 4 },
      { date: '2026-01-07', registrations: 0, waitlisted: 0, cancellations: 0, cumulativeRegistrations: 4 },
      { date: '2026-01-08', registrations: 0, waitlisted: 0, cancellations: 5, cumulativeRegistrations: 4 },
    ]);
  });

  it('crosses a month end and is empty without events', () => {
    expect(dailyTimeline([]).length).toBe(0);
    const result = dailyTimeline([
      { kind: 'registered', at: new Date('2026-01-30T10:00:00Z'), count: 1 },
      { kind: 'registered', at: new Date('2026-02-02T10:00:00Z'), count: 1 },
    ]);
    expect(result.map((d) => d.date)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });
});
