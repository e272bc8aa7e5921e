import { DataSource } from 'typeorm';
import { Member } from '../../src/cycles/member.entity';
import { Seminar } from '../../src/planning/seminar.entity';
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
