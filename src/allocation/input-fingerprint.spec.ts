import { describeChanges, fingerprintOf } from './input-fingerprint';

describe(describeChanges.name, () => {
  const then = fingerprintOf(
    [
      { id: 1, capacity: 25, taken: 3 },
      { id: 2, capacity: 25, taken: 0 },
    ],
    [10, 11, 12],
    40,
  );

  it('finds no change in the same input given in another order', () => {
    const again = fingerprintOf(
      [
        { id: 2, capacity: 25, taken: 0 },
        { id: 1, capacity: 25, taken: 3 },
      ],
      [12, 10, 11],
      40,
    );
    expect(again.hash).toBe(then.hash);
    expect(describeChanges(then, again)).toEqual([]);
  });

  it('names seats taken, capacity, closed and opened seminars and who got or lost a seat', () => {
    const now = fingerprintOf(
      [
        { id: 1, capacity: 20, taken: 4 },
        { id: 3, capacity: 25, taken: 0 },
      ],
      [11, 12, 13],
      41,
    );
    expect(describeChanges(then, now)).toEqual([
      'seminar 1 capacity 25 → 20',
      'seminar 1 seats taken 3 → 4',
      'seminar 2 is no longer open for allocation',
      'seminars opened since: 3',
      'members who got a seat meanwhile: 10',
      'members now without a seat: 13',
    ]);
  });

  it('notices a change it cannot name (e.g. a move between seats outside the input)', () => {
    const now = fingerprintOf(then.seminars, then.unseatedMemberIds, 42);
    expect(describeChanges(then, now)).toEqual(['seats in the cycle changed since the proposal was made']);
  });
});
