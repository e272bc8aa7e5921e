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
    startsAt: new Date('2027-01-14T12:00:00Z'),
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
        seminar: 'Seminar 1 (By 1, 14. januar 2027)',
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

describe(`${solveProposal.name}: which rule keeps members out`, () => {
  const inAalborg = (id: number, party?: string): CandidateMember => ({
    ...member(id, AALBORG),
    municipalityCode: 852,
    party,
  });
  const withParties = (members: CandidateMember[], seminars: OfferedSeminar[]) => ({
    ...input(members, seminars),
    partyNames: new Map([['A', 'A Socialdemokratiet']]),
  });

  it('names capacity, not the party rule, when P seats no one fewer: 6 of A and 4 of B for 8 seats with P = 2', async () => {
    const members = [1, 2, 3, 4, 5, 6].map((id) => ({ ...member(id, AALBORG), party: 'A' }));
    members.push(...[7, 8, 9, 10].map((id) => ({ ...member(id, AALBORG), party: 'B' })));
    const { summary } = await solveProposal(
      withParties(members, [seminar(1, AALBORG, 4), seminar(2, AALBORG, 4)]),
      { maxPerMunicipality: 10, maxPerParty: 2 },
    );
    // A has 4 seats under P, but without P the same 8 seats would still be all there is.
    expect(summary.rulePrices.map((p) => [p.rules, p.placed])).toEqual([
      ['none', 8],
      ['municipality', 8],
      ['both', 8],
    ]);
    expect(summary.bindingRules).toEqual([
      {
        rule: 'capacity',
        subject: null,
        members: 10,
        seats: 8,
        text: 'Der er 8 ledige pladser til 10 medlemmer.',
      },
    ]);
    expect(summary.unplaced.map((u) => u.reason)).toEqual([
      'Der er ikke pladser nok til alle',
      'Der er ikke pladser nok til alle',
    ]);
  });

  it('names the party rule where P seats fewer: 6 of A for 8 seats with P = 2', async () => {
    const members = [1, 2, 3, 4, 5, 6].map((id) => inAalborg(id, 'A'));
    const { summary } = await solveProposal(
      withParties(members, [seminar(1, AALBORG, 4), seminar(2, AALBORG, 4)]),
      { maxPerMunicipality: 10, maxPerParty: 2 },
    );
    expect(summary.bindingRules.map((b) => b.text)).toEqual([
      'A Socialdemokratiet har 6 medlemmer, men partigrænsen P = 2 giver højst 4 pladser i de seminarer, de kan deltage i.',
    ]);
    expect(new Set(summary.unplaced.map((u) => u.reason))).toEqual(
      new Set(['Ingen ledig plads inden for partigrænsen']),
    );
  });

  it('names the municipality rule where K seats fewer: 6 from Aalborg for 20 seats with K = 2', async () => {
    const members = [1, 2, 3, 4, 5, 6].map((id) => inAalborg(id));
    const { summary } = await solveProposal(
      input(members, [seminar(1, AALBORG, 10), seminar(2, ROSKILDE, 10)]),
      { maxPerMunicipality: 2 },
    );
    expect(summary.placed).toBe(4);
    expect(summary.bindingRules).toEqual([
      {
        rule: 'municipality_rule',
        subject: '852',
        members: 6,
        seats: 4,
        text: 'Aalborg har 6 medlemmer, men kommunegrænsen K = 2 giver højst 4 pladser i de seminarer, de kan deltage i.',
      },
    ]);
    expect(summary.unplaced.map((u) => u.reason)).toEqual([
      'Ingen ledig plads inden for kommunegrænsen',
      'Ingen ledig plads inden for kommunegrænsen',
    ]);
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
