import { CandidateMember, GatheredInput, OfferedSeminar } from './allocation-input';
import { fingerprintOf } from './input-fingerprint';
import { chooseMovers, replanInput } from './replan';

const AALBORG = { latitude: 57.048, longitude: 9.919 };
const AARHUS = { latitude: 56.157, longitude: 10.211 };
const ODENSE = { latitude: 55.403, longitude: 10.388 };
const NO_RULES = { k: null, p: null };

function seminar(id: number, venue: typeof AALBORG, capacity: number, taken: number): OfferedSeminar {
  return {
    id,
    title: `Seminar ${id}`,
    town: 'By',
    startsAt: new Date('2027-01-14T12:00:00Z'),
    venue,
    capacity,
    taken,
    freeSeats: capacity - taken,
    seated: [],
    seatedParties: [],
  };
}

function seated(
  id: number,
  origin: typeof AALBORG,
  registrationId: number,
  excluded: number[] = [],
): CandidateMember {
  return {
    id,
    name: null,
    municipalityCode: 100 + id,
    origin,
    excluded,
    cancelledSeminar: null,
    seat: { registrationId, seminarId: 1 },
  };
}

describe(chooseMovers.name, () => {
  // The shrinking seminar is in Aarhus; Aalborg has room, Odense too.
  const shrunk = seminar(1, AARHUS, 4, 4);
  const seminars = [shrunk, seminar(2, AALBORG, 10, 0), seminar(3, ODENSE, 10, 0)];

  it('moves the members whose nearest other seminar adds the fewest km', () => {
    const members = [
      seated(1, AARHUS, 11),
      seated(2, AALBORG, 12),
      seated(3, ODENSE, 13),
      seated(4, AARHUS, 14),
    ];
    const movers = chooseMovers(members, seminars, shrunk, 2, NO_RULES).map((m) => m.member.id);
    expect(movers.sort()).toEqual([2, 3]);
  });

  it('gives equal detours to the most recently booked first, the same on every run', () => {
    const members = [seated(1, AARHUS, 11), seated(2, AARHUS, 14), seated(3, AARHUS, 12)];
    expect(chooseMovers(members, seminars, shrunk, 2, NO_RULES).map((m) => m.member.id)).toEqual([2, 3]);
    expect(
      chooseMovers([...members].reverse(), seminars, shrunk, 2, NO_RULES).map((m) => m.member.id),
    ).toEqual([2, 3]);
  });

  it('counts an alternative only where K and P leave room for the member', () => {
    const full = { ...seminars[1], seatedParties: [{ party: 'A', count: 2 }] };
    const members = [{ ...seated(1, AALBORG, 11), party: 'A' }, seated(2, ODENSE, 12)];
    const movers = chooseMovers(members, [shrunk, full, seminars[2]], shrunk, 2, { k: null, p: 2 });
    expect(movers.map((m) => m.member.id)).toEqual([2, 1]);
  });

  it('leaves for last a member who can attend no other seminar with room', () => {
    const members = [seated(1, AALBORG, 11, [2, 3]), seated(2, AARHUS, 12)];
    const movers = chooseMovers(members, seminars, shrunk, 1, NO_RULES);
    expect(movers.map((m) => m.member.id)).toEqual([2]);
    expect(chooseMovers(members, seminars, shrunk, 2, NO_RULES)[1]).toEqual({
      member: members[0],
      extraMetres: null,
    });
  });
});

describe(replanInput.name, () => {
  const shrunk = seminar(1, AARHUS, 4, 4);
  const input: GatheredInput = {
    members: [seated(1, AARHUS, 11), seated(2, AALBORG, 12), seated(3, ODENSE, 13), seated(4, AARHUS, 14)],
    seminars: [shrunk, seminar(2, AALBORG, 10, 0), seminar(3, ODENSE, 10, 0)],
    municipalityNames: new Map(),
    partyNames: new Map(),
    fingerprint: fingerprintOf([], [], 0),
  };

  it('keeps only the surplus of a shrunk seminar, says why, and offers the seminar full at its new capacity', () => {
    const out = replanInput(input, { seminarId: 1, capacity: 2 }, NO_RULES);
    expect(out.members.map((m) => m.id).sort()).toEqual([2, 3]);
    expect(out.seminars[0]).toMatchObject({ id: 1, capacity: 2, taken: 2, freeSeats: 0 });
    expect(out.members[0].excluded).toContain(1);
    expect(out.members[0].displaced).toEqual({
      seminarId: 1,
      reason:
        'Seminaret »Seminar 1« får 2 pladser i stedet for 4; medlemmet bor nærmere et andet seminar med plads',
    });
  });

  it('keeps only the members who lost their seat with a cancelled seminar', () => {
    const members = [
      { ...seated(5, AARHUS, 15), seat: null, cancelledSeminar: { seminarId: 7, title: 'Aflyst' } },
      { ...seated(6, AARHUS, 16), seat: null },
    ];
    expect(
      replanInput({ ...input, members }, { seminarId: 7, capacity: null }, NO_RULES).members.map((m) => m.id),
    ).toEqual([5]);
  });
});
