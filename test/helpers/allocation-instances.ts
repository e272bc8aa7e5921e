import fc from 'fast-check';
import { AllocationInput } from '../../src/allocation/solver/allocation.types';

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

export interface Size {
  members: number;
  municipalities: number;
  seminars: number;
  seats: number;
  ties?: boolean;
}

/** Random instances of any size up to the given one (fast-check's default would stay near 10); seminar and member ids deliberately out of order. */
export const instance = (size: Size): fc.Arbitrary<AllocationInput> => {
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

/**
 * The same instances with a party rule: members belong to one of a few national parties (the
 * first far more common, as in a real council) or to their municipality's local list; some
 * seats are already held by party members.
 */
export const partyInstance = (size: Size & { parties: number }): fc.Arbitrary<AllocationInput> =>
  instance(size).chain((input) => {
    const national = Array.from({ length: size.parties }, (_, i) => String.fromCharCode(65 + i));
    const party = fc.oneof(
      { weight: 4, arbitrary: fc.constant(national[0]) },
      { weight: 4, arbitrary: fc.constantFrom(...national) },
      { weight: 1, arbitrary: fc.constant('local') },
    );
    const seated = fc.array(fc.record({ party: fc.constantFrom(...national), count: fc.nat(2) }), {
      maxLength: 2,
    });
    return fc
      .record({
        parties: fc.array(party, { minLength: input.members.length, maxLength: input.members.length }),
        seated: fc.array(seated, { minLength: input.seminars.length, maxLength: input.seminars.length }),
        maxPerParty: fc.integer({ min: 1, max: 6 }),
      })
      .map(({ parties, seated: seatedPerSeminar, maxPerParty }) => ({
        members: input.members.map((m, i) => ({
          ...m,
          party: parties[i] === 'local' ? `${m.municipalityCode}/L` : parties[i],
        })),
        seminars: input.seminars.map((s, i) => ({ ...s, seatedParties: seatedPerSeminar[i] })),
        options: { ...input.options, maxPerParty },
      }));
  });
