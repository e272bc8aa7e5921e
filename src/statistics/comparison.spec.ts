import { compareGroups, coverageDifference } from './comparison';
import { ParticipationFigures } from './figures';

const figures = (newlyElected: number, attended: number): ParticipationFigures => ({
  newlyElected,
  invited: newlyElected,
  declined: 0,
  registered: attended,
  waitlisted: 0,
  attended,
  noShows: 0,
  coverage: newlyElected === 0 ? null : Math.round((attended / newlyElected) * 10000) / 10000,
});

describe(coverageDifference.name, () => {
  it('is the later coverage minus the earlier, in shares', () => {
    expect(coverageDifference(figures(10, 2), figures(20, 5))).toBe(0.05);
    expect(coverageDifference(figures(10, 5), figures(10, 2))).toBe(-0.3);
  });

  it('is null when one cycle had nobody newly elected', () => {
    expect(coverageDifference(figures(0, 0), figures(10, 5))).toBeNull();
  });
});

describe(compareGroups.name, () => {
  const group = (code: number, name: string, f: ParticipationFigures) => ({ code, name, ...f });

  it('matches groups by key and counts a group missing from one cycle as zero', () => {
    const rows = compareGroups(
      [group(1, 'Nord', figures(10, 5)), group(2, 'Syd', figures(4, 1))],
      [group(2, 'Syd', figures(8, 4)), group(3, 'Øst', figures(2, 2))],
      (g) => String(g.code),
      (g) => g.name,
    );
    expect(rows.map((r) => [r.name, r.before.newlyElected, r.after.newlyElected, r.difference])).toEqual([
      ['Nord', 10, 0, null],
      ['Syd', 4, 8, 0.25],
      ['Øst', 0, 2, null],
    ]);
  });
});
