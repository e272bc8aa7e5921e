import fc from 'fast-check';
import { solveWithHighs, violations } from '../../../test/helpers/allocation-reference';
import { allocateSeats } from './allocate-seats';
import { AllocationInput } from './allocation.types';

const anywhere = fc.record({
  latitude: fc.double({ min: 54.6, max: 57.7, noNaN: true }),
  longitude: fc.double({ min: 8.1, max: 12.7, noNaN: true }),
});
/** Everyone and every venue in Odense, Aarhus or København: equal costs everywhere, degenerate pivots. */
const threeTowns = fc.constantFrom(
  { latitude: 55.396, longitude: 10.388 },
  { latitude: 56.157, longitude: 10.21 },
  { latitude: 55.676, longitude: 12.553 },
);

interface Size {
  members: number;
  municipalities: number;
  seminars: number;
  seats: number;
  ties?: boolean;
}

/** Random instances of any size up to the given one (fast-check's default would stay near 10); seminar and member ids deliberately out of order. */
const instance = (size: Size): fc.Arbitrary<AllocationInput> => {
  const place = size.ties ? threeTowns : anywhere;
  return fc
    .record({
      origins: fc.array(place, { minLength: 1, maxLength: size.municipalities, size: 'max' }),
      venues: fc.array(fc.record({ venue: place, freeSeats: fc.nat(size.seats) }), {
        maxLength: size.seminars,
        size: 'max',
      }),
      maxPerMunicipality: fc.integer({ min: 1, max: 4 }),
      preferenceBonusKm: fc.array(fc.integer({ min: 0, max: 150 }), { maxLength: 3 }),
    })
    .chain(({ origins, venues, maxPerMunicipality, preferenceBonusKm }) => {
      const seminarIds = venues.map((_, i) => 100 + ((i * 7) % 23));
      const municipality = fc.nat(origins.length - 1);
      const member = fc.record({
        municipality,
        preferences: fc
          .subarray(seminarIds)
          .chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length })),
        excluded: fc.subarray(seminarIds),
      });
      const seated = fc.array(fc.record({ municipality, count: fc.nat(3) }), { maxLength: 3 });
      return fc
        .record({
          members: fc.array(member, { maxLength: size.members, size: 'max' }),
          seated: fc.array(seated, { minLength: venues.length, maxLength: venues.length }),
        })
        .map(({ members, seated: seatedPerSeminar }) => ({
          members: members.map((m, i) => ({
            id: 1000 - 3 * i,
            municipalityCode: 101 + m.municipality,
            origin: origins[m.municipality],
            preferences: m.preferences.map((seminarId, k) => ({ seminarId, rank: k + 1 })),
            excluded: m.excluded,
          })),
          seminars: venues.map((v, i) => ({
            id: seminarIds[i],
            venue: v.venue,
            freeSeats: v.freeSeats,
            seated: seatedPerSeminar[i].map((c) => ({
              municipalityCode: 101 + c.municipality,
              count: c.count,
            })),
          })),
          options: { maxPerMunicipality, preferenceBonusKm },
        }));
    });
};

describe(`${allocateSeats.name} against an LP solver`, () => {
  it.each([
    { runs: 300, size: { members: 30, municipalities: 5, seminars: 6, seats: 8 } },
    { runs: 25, size: { members: 200, municipalities: 12, seminars: 12, seats: 30 } },
    { runs: 100, size: { members: 60, municipalities: 6, seminars: 8, seats: 12, ties: true } },
  ])(
    'places as many members as HiGHS, at the same minimal cost, within every rule, whatever the input order ($runs instances up to $size.members members)',
    async ({ runs, size }) => {
      await fc.assert(
        fc.asyncProperty(instance(size), async (input) => {
          const result = allocateSeats(input);
          expect(violations(input, result)).toEqual([]);
          const optimum = await solveWithHighs(input);
          expect(result.stats.placed).toBe(optimum.placed);
          expect(Math.round(result.totalCost * 1000)).toBe(optimum.costMetres);
          const shuffled = {
            ...input,
            members: [...input.members].reverse(),
            seminars: [...input.seminars].reverse(),
          };
          expect(allocateSeats(shuffled)).toEqual(result);
        }),
        { numRuns: runs },
      );
    },
  );
});
