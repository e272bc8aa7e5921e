import { allocateSeats, defaultMaxPerMunicipality, travelMetres } from './allocate-seats';
import { AllocationInput, AllocationMember, AllocationResult, AllocationSeminar } from './allocation.types';

/** Every place in these cases lies on the 10° E meridian, so travel is proportional to latitude difference. */
const at = (latitude: number) => ({ latitude, longitude: 10 });
/** Whole-metre travel for a latitude difference, as the solver counts it. */
const metresFor = (degrees: number) => travelMetres(at(55), at(55 + degrees));

const member = (id: number, latitude: number, extra: Partial<AllocationMember> = {}): AllocationMember => ({
  id,
  municipalityCode: 100 + id,
  origin: at(latitude),
  ...extra,
});
const seminar = (
  id: number,
  latitude: number,
  freeSeats: number,
  extra: Partial<AllocationSeminar> = {},
) => ({
  id,
  venue: at(latitude),
  freeSeats,
  ...extra,
});
const placements = (result: AllocationResult) => result.assignments.map((a) => [a.memberId, a.seminarId]);

function solve(
  members: AllocationMember[],
  seminars: AllocationSeminar[],
  options: Partial<AllocationInput['options']> = {},
) {
  return allocateSeats({ members, seminars, options: { maxPerMunicipality: 10, ...options } });
}

describe(allocateSeats.name, () => {
  it('sends each member to the nearest seminar when seats are plentiful', () => {
    const result = solve([member(1, 55), member(2, 57)], [seminar(10, 55.1, 5), seminar(20, 56.9, 5)]);
    expect(placements(result)).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(result.totalKm).toBe((2 * metresFor(0.1)) / 1000);
    expect(result.unplaced).toEqual([]);
  });

  it('gives up a nearest seat when that lowers the total: 1.5° + 0.5° = 2° beats first-come 0.5° + 2.5° = 3°', () => {
    // Member 1 (56°) is nearest to X (55.5°), but member 2 (55°) would then have to go to Y (57.5°).
    const result = solve([member(1, 56), member(2, 55)], [seminar(10, 55.5, 1), seminar(20, 57.5, 1)]);
    expect(placements(result)).toEqual([
      [1, 20],
      [2, 10],
    ]);
    expect(result.totalKm).toBe((metresFor(1.5) + metresFor(0.5)) / 1000);
    expect(result.totalCost).toBe(result.totalKm);
  });

  it('places as many as possible before saving distance: member 1 travels 3° so that member 2, who excluded Y, gets X', () => {
    const result = solve(
      [member(1, 55), member(2, 55, { excluded: [20] })],
      [seminar(10, 55, 1), seminar(20, 58, 1)],
    );
    expect(placements(result)).toEqual([
      [1, 20],
      [2, 10],
    ]);
    expect(result.totalKm).toBe(metresFor(3) / 1000);
  });

  it('leaves out the member whose seat would cost most when capacity is short, and says why', () => {
    const result = solve([member(1, 55), member(2, 57), member(3, 55.5)], [seminar(10, 55, 2)]);
    expect(placements(result)).toEqual([
      [1, 10],
      [3, 10],
    ]);
    expect(result.unplaced).toEqual([{ memberId: 2, reason: 'no_seat_within_limits' }]);
    expect(result.stats).toMatchObject({ members: 3, placed: 2, unplaced: 1 });
  });

  it('never uses an excluded seminar, and names the member who excluded every seminar', () => {
    const result = solve(
      [member(1, 55, { excluded: [10, 20] }), member(2, 55, { excluded: [10] })],
      [seminar(10, 55, 5), seminar(20, 57, 5)],
    );
    expect(placements(result)).toEqual([[2, 20]]);
    expect(result.unplaced).toEqual([{ memberId: 1, reason: 'all_seminars_excluded' }]);
  });

  it('reports every member unplaced for want of seats when no seminar has a free seat', () => {
    const result = solve([member(1, 55), member(2, 56)], [seminar(10, 55, 0)]);
    expect(result.assignments).toEqual([]);
    expect(result.unplaced.map((u) => u.reason)).toEqual(['no_seat_within_limits', 'no_seat_within_limits']);
    expect(solve([member(1, 55)], []).unplaced).toEqual([{ memberId: 1, reason: 'no_seat_within_limits' }]);
  });

  describe('municipality limit K', () => {
    const sameMunicipality = [1, 2, 3].map((id) => member(id, 55, { municipalityCode: 101 }));

    it('sends the third member of a municipality to the farther seminar when K = 2 binds at the near one', () => {
      const result = solve(sameMunicipality, [seminar(10, 55, 10), seminar(20, 56, 10)], {
        maxPerMunicipality: 2,
      });
      expect(placements(result)).toEqual([
        [1, 10],
        [2, 10],
        [3, 20],
      ]);
    });

    it('counts members already seated: with one seated at X only one more fits there', () => {
      const seated = [{ municipalityCode: 101, count: 1 }];
      const result = solve(sameMunicipality, [seminar(10, 55, 10, { seated }), seminar(20, 56, 10)], {
        maxPerMunicipality: 2,
      });
      const at10 = result.assignments.filter((a) => a.seminarId === 10);
      expect(at10).toHaveLength(1);
      expect(result.assignments.filter((a) => a.seminarId === 20)).toHaveLength(2);
    });

    it('leaves a member out when K is reached in every seminar although seats are free', () => {
      const result = solve(sameMunicipality, [seminar(10, 55, 10)], { maxPerMunicipality: 2 });
      expect(result.stats.placed).toBe(2);
      expect(result.unplaced).toEqual([{ memberId: 3, reason: 'no_seat_within_limits' }]);
    });

    it('mixes municipalities: K = 2 pushes a third member of 101 to Y, and 102 takes the seat at X it frees', () => {
      // X (55° N 10° E) has 3 seats, Y (55° N 11° E, 64 km east) plenty. Municipality 101 has 3 members
      // at X's spot, 102 one member 0.5° south (56 km from X, 85 km from Y).
      const members = [...sameMunicipality, member(4, 54.5, { municipalityCode: 102 })];
      const seminars = [
        seminar(10, 55, 3),
        { id: 20, venue: { latitude: 55, longitude: 11 }, freeSeats: 10 },
      ];
      // K = 3: 0 + 0 + 0 + 85 km. K = 2: 0 + 0 + 64 + 56 km beats 0 + 0 + 64 + 85 km.
      expect(placements(solve(members, seminars, { maxPerMunicipality: 3 }))).toEqual([
        [1, 10],
        [2, 10],
        [3, 10],
        [4, 20],
      ]);
      expect(placements(solve(members, seminars, { maxPerMunicipality: 2 }))).toEqual([
        [1, 10],
        [2, 10],
        [3, 20],
        [4, 10],
      ]);
    });
  });

  describe('preferences', () => {
    // The member lives at 55°; X is at 55° (0 km), Y at 55.3° (about 33 km).
    const seminars = [seminar(10, 55, 5), seminar(20, 55.3, 5)];
    const prefersY = member(1, 55, { preferences: [{ seminarId: 20, rank: 1 }] });

    it('moves a member to a first choice 33 km away when the first-choice bonus is 50 km', () => {
      const result = solve([prefersY], seminars, { preferenceBonusKm: [50] });
      expect(result.assignments).toEqual([
        {
          memberId: 1,
          seminarId: 20,
          km: metresFor(0.3) / 1000,
          cost: (metresFor(0.3) - 50_000) / 1000,
          preferenceRank: 1,
        },
      ]);
      expect(result.stats.placedAtPreference).toEqual([{ rank: 1, members: 1 }]);
    });

    it('keeps the nearer seminar when the bonus (20 km) is smaller than the detour (33 km)', () => {
      expect(placements(solve([prefersY], seminars, { preferenceBonusKm: [20] }))).toEqual([[1, 10]]);
    });

    it('gives a second choice the second bonus: 33 − 25 = 8 km still loses to 0 km', () => {
      const secondChoiceY = member(1, 55, {
        preferences: [
          { seminarId: 30, rank: 1 },
          { seminarId: 20, rank: 2 },
        ],
      });
      const result = solve([secondChoiceY], [...seminars, seminar(30, 57, 0)], {
        preferenceBonusKm: [50, 25],
      });
      expect(placements(result)).toEqual([[1, 10]]);
      expect(result.assignments[0].preferenceRank).toBeNull();
    });

    it('ignores preferences for cost when no bonus is set, but still reports the rank met', () => {
      const prefersX = member(1, 55, { preferences: [{ seminarId: 10, rank: 2 }] });
      const result = solve([prefersY, { ...prefersX, id: 2 }], seminars);
      expect(placements(result)).toEqual([
        [1, 10],
        [2, 10],
      ]);
      expect(result.stats.placedAtPreference).toEqual([{ rank: 2, members: 1 }]);
    });

    it('never honours a preference for a seminar the member also excluded', () => {
      const torn = member(1, 55, { preferences: [{ seminarId: 20, rank: 1 }], excluded: [20] });
      expect(placements(solve([torn], seminars, { preferenceBonusKm: [500] }))).toEqual([[1, 10]]);
    });

    it('gives the one seat of a shared first choice to the member who saves most by it', () => {
      // Both prefer Y (1 seat) with a 50 km bonus; member 2 lives at 55.3°, right at Y, so
      // seating member 2 at Y and member 1 at X costs −50 km, the other way round +17 km.
      const members = [
        { ...prefersY, municipalityCode: 1 },
        member(2, 55.3, { municipalityCode: 2, preferences: [{ seminarId: 20, rank: 1 }] }),
      ];
      const result = solve(members, [seminar(10, 55, 5), seminar(20, 55.3, 1)], { preferenceBonusKm: [50] });
      expect(placements(result)).toEqual([
        [1, 10],
        [2, 20],
      ]);
      expect(result.totalCost).toBe(-50);
    });
  });

  it('shares the long trips within a class instead of giving the short ones to the lowest ids, the same way whatever the input order', () => {
    // 40 members of one municipality at 55°; 20 seats at 55.1° and 20 at 57°.
    const members = Array.from({ length: 40 }, (_, i) => member(i + 1, 55, { municipalityCode: 1 }));
    const seminars = [seminar(20, 57, 20), seminar(10, 55.1, 20)];
    const result = solve(members, seminars, { maxPerMunicipality: 40 });
    const near = result.assignments.filter((a) => a.seminarId === 10).map((a) => a.memberId);
    expect(near).toHaveLength(20);
    // By id the near seats would be 1–20; a fair order gives some of them to 21–40.
    const fromUpperHalf = near.filter((id) => id > 20).length;
    expect(fromUpperHalf).toBeGreaterThanOrEqual(6);
    expect(fromUpperHalf).toBeLessThanOrEqual(14);
    expect(solve([...members].reverse(), [...seminars].reverse(), { maxPerMunicipality: 40 })).toEqual(
      result,
    );
  });

  it('returns an empty proposal for no members', () => {
    expect(solve([], [seminar(10, 55, 5)])).toMatchObject({
      assignments: [],
      unplaced: [],
      totalKm: 0,
      totalCost: 0,
    });
  });

  it('rejects input it cannot solve exactly', () => {
    expect(() => solve([member(1, 55), member(1, 56)], [])).toThrow(/member id 1/);
    expect(() => solve([], [seminar(10, 55, 5), seminar(10, 56, 5)])).toThrow(/seminar id 10/);
    expect(() => solve([], [seminar(10, 55, 2.5)])).toThrow(/freeSeats/);
    expect(() => solve([], [], { maxPerMunicipality: 0 })).toThrow(/maxPerMunicipality/);
    expect(() => solve([], [], { preferenceBonusKm: [-5] })).toThrow(/bonus/);
    expect(() => solve([member(1, 55, { preferences: [{ seminarId: 10, rank: 0 }] })], [])).toThrow(/rank/);
  });
});

describe(defaultMaxPerMunicipality.name, () => {
  it('lets a full seminar draw on at least eight municipalities', () => {
    expect([5, 8, 16, 25, 30, 64].map(defaultMaxPerMunicipality)).toEqual([1, 1, 2, 3, 3, 8]);
  });
});
