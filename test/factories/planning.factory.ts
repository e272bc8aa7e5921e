import { DataSource } from 'typeorm';
import { Seminar } from '../../src/planning/seminar.entity';
import { Venue } from '../../src/planning/venue.entity';
import { Wave } from '../../src/planning/wave.entity';

const DAY = 24 * 3600 * 1000;

/** A wave whose registration opened yesterday and closes in 30 days. */
export async function createWave(dataSource: DataSource, cycleId: number, overrides: Partial<Wave> = {}) {
  return dataSource.getRepository(Wave).save({
    cycleId,
    name: 'Periode 1',
    registrationOpensAt: new Date(Date.now() - DAY),
    registrationClosesAt: new Date(Date.now() + 30 * DAY),
    ...overrides,
  });
}

export async function createVenue(dataSource: DataSource, overrides: Partial<Venue> = {}) {
  return dataSource.getRepository(Venue).save({
    name: 'Hotel Koldingfjord',
    address: 'Fjordvej 154',
    postalCode: '6000',
    town: 'Kolding',
    latitude: 55.505,
    longitude: 9.536,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    notes: null,
    ...overrides,
  });
}

/** A published Thursday-to-Saturday seminar 40 days ahead, open for registration for 20 more days. */
export async function createSeminar(
  dataSource: DataSource,
  wave: Wave,
  venue: Venue,
  overrides: Partial<Seminar> = {},
): Promise<Seminar> {
  const startsAt = new Date(Date.now() + 40 * DAY);
  return dataSource.getRepository(Seminar).save({
    cycleId: wave.cycleId,
    waveId: wave.id,
    venueId: venue.id,
    title: `Kattegat-seminar ${venue.town}`,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * DAY),
    capacity: 25,
    taken: 0,
    waitlistCounter: 0,
    registrationDeadline: new Date(Date.now() + 20 * DAY),
    status: 'published',
    ...overrides,
  });
}

/** A seminar at a hotel in Skagen, far north of the default venue in Kolding. */
export async function createSkagenSeminar(
  dataSource: DataSource,
  wave: Wave,
  overrides: Partial<Seminar> = {},
): Promise<Seminar> {
  const venue = await createVenue(dataSource, {
    name: 'Hotel Nordsøen',
    town: 'Skagen',
    latitude: 57.72,
    longitude: 10.58,
  });
  return createSeminar(dataSource, wave, venue, { title: 'Kattegat Skagen', ...overrides });
}
