import { CandidateMember, GatheredInput, OfferedSeminar } from './allocation-input';
import { fingerprintOf } from './input-fingerprint';
import { kFor, solveProposal } from './proposal-summary';

const AALBORG = { latitude: 57.048, longitude: 9.919 };
const ROSKILDE = { latitude: 55.642, longitude: 12.08 };

function seminar(id: number, venue: typeof AALBORG, capacity: number, taken = 0): OfferedSeminar {
  return {
    id,
    title: `Seminar ${id}`,
    town: `By ${id}`,
    venue,
    capacity,
    taken,
    freeSeats: capacity - taken,
    seated: [],
    seatedParties: [],
  };
}

function member(id: number, origin: typeof AALBORG, seat: CandidateMember['seat'] = null): CandidateMember {
  return { id, name: `Medlem ${id}`, municipalityCode: 851 + id, origin, seat, cancelledSeminar: null };
}

function input(members: CandidateMember[], seminars: OfferedSeminar[]): GatheredInput {
  return {
    members,
    seminars,
    municipalityNames: new Map([[852, 'Aalborg']]),
    partyNames: new Map(),
    fingerprint: fingerprintOf(seminars, [], 0),
  };
}

describe(solveProposal.name, () => {
  it('moves a rebalanced member to the nearer seminar, freeing the old seat', async () => {
    // Member 1 lives in Aalborg and sits in Roskilde; their seat there is free in the input.
    const roskilde = { ...seminar(2, ROSKILDE, 5, 1), freeSeats: 5 };
    const { summary, placements } = await solveProposal(
      input([member(1, AALBORG, { registrationId: 77, seminarId: 2 })], [seminar(1, AALBORG, 5), roskilde]),
      { maxPerMunicipality: 2 },
    );
    expect(placements).toEqual([{ memberId: 1, seminarId: 1, fromRegistrationId: 77 }]);
    expect(summary.moves).toEqual([{ memberId: 1, name: 'Medlem 1', fromSeminarId: 2, toSeminarId: 1 }]);
    expect(summary.seminars.map((s) => [s.seminarId, s.seated, s.proposed, s.fillRate])).toEqual([
      [1, 0, 1, 0.2],
      [2, 0, 0, 0],
    ]);
    expect(summary.longestTrips).toEqual([
      {
        memberId: 1,
        name: 'Medlem 1',
        municipality: 'Aalborg',
        seminarId: 1,
        seminar: 'Seminar 1 (By 1)',
        km: 0,
      },
    ]);
  });

  it('never takes a seat from a seated member: they keep it and the newcomer is unplaced', async () => {
    // One seat in Roskilde, held by a member from Aalborg; a member from Roskilde wants it too.
    const roskilde = { ...seminar(2, ROSKILDE, 1, 1), freeSeats: 1 };
    const { summary, placements } = await solveProposal(
      input([member(1, AALBORG, { registrationId: 77, seminarId: 2 }), member(2, ROSKILDE)], [roskilde]),
      { maxPerMunicipality: 1 },
    );
    expect(placements).toEqual([]);
    expect(summary.keptSeats).toBe(1);
    expect(summary.unplaced).toEqual([
      {
        memberId: 2,
        name: 'Medlem 2',
        municipality: '853',
        reason: 'Der er ikke pladser nok til alle',
      },
    ]);
    expect(summary.seminars[0]).toMatchObject({ seated: 1, proposed: 0, fillRate: 1 });
  });

  it('reports a member who excluded every seminar in Danish', async () => {
    const who = { ...member(1, AALBORG), excluded: [1] };
    const { summary } = await solveProposal(input([who], [seminar(1, AALBORG, 5)]), {});
    expect(summary.unplaced[0].reason).toBe('Alle seminarer er fravalgt');
    expect(summary).toMatchObject({ placed: 0, totalKm: 0, averageKm: 0 });
  });
});

describe(kFor.name, () => {
  it('takes the given K, else the default for the largest seminar', () => {
    const seminars = [seminar(1, AALBORG, 25), seminar(2, AALBORG, 40)];
    expect(kFor(input([], seminars), { maxPerMunicipality: 2 })).toBe(2);
    expect(kFor(input([], seminars), {})).toBe(5);
    expect(kFor(input([], []), {})).toBe(1);
  });
});
