import { DataSource } from 'typeorm';
import { AllocationProposal } from '../../src/allocation/allocation-proposal.entity';
import { Member } from '../../src/cycles/member.entity';
import { Seminar } from '../../src/planning/seminar.entity';
import { inviteNow } from '../helpers/portal';
import { TestApp } from '../helpers/test-app';
import { createCycle, createMembers } from './cycle-members.factory';
import { createSeminar, createVenue, createWave } from './planning.factory';

/** Venue towns with their real coordinates. */
export const TOWNS = {
  Aalborg: { latitude: 57.048, longitude: 9.919, postalCode: '9000' },
  Aarhus: { latitude: 56.157, longitude: 10.211, postalCode: '8000' },
  Odense: { latitude: 55.403, longitude: 10.388, postalCode: '5000' },
  Roskilde: { latitude: 55.642, longitude: 12.08, postalCode: '4000' },
} as const;
export type Town = keyof typeof TOWNS;

const TEN_SEATS_EACH: Record<Town, number> = { Aalborg: 10, Aarhus: 10, Odense: 10, Roskilde: 10 };

export interface AllocationScenario {
  cycleId: number;
  waveId: number;
  seminars: Record<Town, Seminar>;
  members: Member[];
}

/**
 * A cycle with members from the given municipalities (code → how many) and one published
 * seminar per town in one wave, with the given capacities.
 */
export async function createAllocationScenario(
  dataSource: DataSource,
  membersPerMunicipality: Record<number, number>,
  capacities: Record<Town, number>,
): Promise<AllocationScenario> {
  const cycle = await createCycle(dataSource);
  const wave = await createWave(dataSource, cycle.id);
  const seminars = {} as Record<Town, Seminar>;
  for (const town of Object.keys(TOWNS) as Town[]) {
    const venue = await createVenue(dataSource, { name: `Kursuscenter ${town}`, town, ...TOWNS[town] });
    seminars[town] = await createSeminar(dataSource, wave, venue, { capacity: capacities[town] });
  }
  const members: Member[] = [];
  for (const [code, count] of Object.entries(membersPerMunicipality)) {
    members.push(...(await createMembers(dataSource, cycle.id, count, { municipalityCode: Number(code) })));
  }
  return { cycleId: cycle.id, waveId: wave.id, seminars, members };
}

/**
 * The party rule's scenario: Aalborg (851) and Hjørring (860) with 8 of party A and 2 of V each,
 * near the Aalborg seminar; Odense (461) with 4 of A and a local list L; København (101) with 3
 * of its own local list L (another party than Odense's L). 29 members, added to the scenario.
 */
export async function addPartyMembers(dataSource: DataSource, s: AllocationScenario): Promise<void> {
  const groups: Array<[number, number, string, string]> = [
    [851, 8, 'A', 'Socialdemokratiet'],
    [851, 2, 'V', 'Venstre'],
    [860, 8, 'A', 'Socialdemokratiet'],
    [860, 2, 'V', 'Venstre'],
    [461, 4, 'A', 'Socialdemokratiet'],
    [461, 2, 'L', 'Odense-listen'],
    [101, 3, 'L', 'Københavnerlisten'],
  ];
  for (const [municipalityCode, n, listLetter, listName] of groups)
    s.members.push(
      ...(await createMembers(dataSource, s.cycleId, n, { municipalityCode, listLetter, listName })),
    );
}

/** createAllocationScenario with its members invited by the planner. */
export async function createInvitedScenario(
  t: TestApp,
  plannerToken: string,
  membersPerMunicipality: Record<number, number>,
  capacities: Record<Town, number>,
): Promise<AllocationScenario> {
  const s = await createAllocationScenario(t.dataSource, membersPerMunicipality, capacities);
  await inviteNow(t, s.cycleId, plannerToken);
  return s;
}

/** The party rule's scenario (addPartyMembers) with its 29 members invited by the planner. */
export async function createInvitedPartyScenario(
  t: TestApp,
  plannerToken: string,
  capacities: Record<Town, number> = TEN_SEATS_EACH,
): Promise<AllocationScenario> {
  const s = await createAllocationScenario(t.dataSource, {}, capacities);
  await addPartyMembers(t.dataSource, s);
  await inviteNow(t, s.cycleId, plannerToken);
  return s;
}

/** A proposal (K = 3, P = 8) stored as a solver leaves it while it works: solving, with progress. */
export function saveSolvingProposal(
  dataSource: DataSource,
  cycleId: number,
  overrides: Partial<AllocationProposal> = {},
): Promise<AllocationProposal> {
  const repo = dataSource.getRepository(AllocationProposal);
  return repo.save(
    repo.create({
      cycleId,
      waveId: null,
      status: 'solving',
      options: {
        waveId: null,
        maxPerMunicipality: 3,
        municipalityRule: true,
        maxPerParty: 8,
        partyRule: true,
        rebalance: false,
        preferenceBonusKm: [],
      },
      kUsed: 3,
      pUsed: 8,
      heartbeatAt: new Date(),
      progress: { phase: 'least_travel', gap: 0.02, seconds: 40 },
      fingerprint: { hash: 'x', seminars: [], unseatedMemberIds: [], seatVersion: 0 },
      summary: null,
      placements: null,
      error: null,
      createdBy: null,
      solvedAt: null,
      appliedAt: null,
      appliedBy: null,
      ...overrides,
    }),
  );
}
