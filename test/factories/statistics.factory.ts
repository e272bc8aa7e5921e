import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Cycle } from '../../src/cycles/cycle.entity';
import { Member } from '../../src/cycles/member.entity';
import { Invitation } from '../../src/invitations/invitation.entity';
import { Seminar } from '../../src/planning/seminar.entity';
import { Wave } from '../../src/planning/wave.entity';
import { RegistrationEvent } from '../../src/registrations/registration-event.entity';
import { Registration } from '../../src/registrations/registration.entity';
import { SeatState } from '../../src/registrations/seat-state';
import { createCycle, createMembers } from './cycle-members.factory';
import { createSeminar, createVenue, createWave } from './planning.factory';

/** An invitation row as the invitations module leaves it (the token itself is of no use here). */
export async function invite(dataSource: DataSource, member: Member): Promise<void> {
  await dataSource.getRepository(Invitation).insert({
    cycleId: member.cycleId,
    memberId: member.id,
    tokenHash: randomBytes(32).toString('hex'),
    expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    revokedAt: null,
    issuedBy: null,
  });
}

/** A seat in a given state, written straight to the table. */
export async function seat(dataSource: DataSource, member: Member, seminar: Seminar, state: SeatState) {
  await dataSource.getRepository(Registration).insert({
    cycleId: member.cycleId,
    memberId: member.id,
    seminarId: seminar.id,
    state,
    waitlistNumber: null,
    calendarSequence: 0,
  });
}

export async function seatEvent(
  dataSource: DataSource,
  member: Member,
  kind: RegistrationEvent['kind'],
  at: string,
): Promise<void> {
  await dataSource.getRepository(RegistrationEvent).insert({
    kind,
    cycleId: member.cycleId,
    memberId: member.id,
    registrationId: null,
    seminarId: null,
    invitationId: null,
    actor: 'member',
    staffId: null,
    calendarSequence: null,
    details: null,
    createdAt: new Date(at),
  });
}

export interface StatisticsFixture {
  cycle: Cycle;
  waves: Wave[];
  seminars: Seminar[];
}

/**
 * The hand-counted cycle of test/statistics.e2e-spec.ts:
 * Odense: o1 (A) attended S1, o2 (V) no-show S1, o3 (local list L, erased) registered S2,
 *   o4 (A) waitlisted S2, all four invited; r1 re-elected, attended S1 (a seat, not a newly elected).
 * Aarhus: a1 (A) invited, cancelled S1; a2 (Ø) not invited, no seat.
 * København: r2 re-elected only, so no newly elected at all.
 * S1 (wave 1) capacity 4, S2 (wave 1) capacity 1, S3 (wave 2) capacity 25 and empty.
 */
export async function statisticsFixture(dataSource: DataSource): Promise<StatisticsFixture> {
  const cycle = await createCycle(dataSource);
  const w1 = await createWave(dataSource, cycle.id, {
    name: 'Periode 1',
    registrationOpensAt: new Date('2026-01-01T08:00:00Z'),
  });
  const w2 = await createWave(dataSource, cycle.id, {
    name: 'Periode 2',
    registrationOpensAt: new Date('2026-02-01T08:00:00Z'),
  });
  const venue = await createVenue(dataSource);
  const s1 = await createSeminar(dataSource, w1, venue, { title: 'Kolding 1', capacity: 4 });
  const s2 = await createSeminar(dataSource, w1, venue, {
    title: 'Kolding 2',
    capacity: 1,
    startsAt: new Date(Date.now() + 50 * 24 * 3600 * 1000),
  });
  const s3 = await createSeminar(dataSource, w2, venue, {
    title: 'Kolding 3',
    capacity: 25,
    startsAt: new Date(Date.now() + 60 * 24 * 3600 * 1000),
  });

  const odense = { municipalityCode: 461 };
  const [o1] = await createMembers(dataSource, cycle.id, 1, { ...odense, listLetter: 'A' });
  const [o2] = await createMembers(dataSource, cycle.id, 1, {
    ...odense,
    listLetter: 'V',
    listName: 'Venstre',
  });
  const [o3] = await createMembers(dataSource, cycle.id, 1, {
    ...odense,
    listLetter: 'L',
    listName: 'Lokallisten Odense',
    name: null,
    email: null,
    erasedAt: new Date('2026-03-01T00:00:00Z'),
  });
  const [o4] = await createMembers(dataSource, cycle.id, 1, { ...odense, listLetter: 'A' });
  const [r1] = await createMembers(dataSource, cycle.id, 1, { ...odense, newlyElected: false });
  const [a1] = await createMembers(dataSource, cycle.id, 1, { municipalityCode: 751, listLetter: 'A' });
  await createMembers(dataSource, cycle.id, 1, {
    municipalityCode: 751,
    listLetter: 'Ø',
    listName: 'Enhedslisten',
  });
  await createMembers(dataSource, cycle.id, 1, { municipalityCode: 101, newlyElected: false });

  for (const m of [o1, o2, o3, o4, a1]) await invite(dataSource, m);
  await seat(dataSource, o1, s1, 'attended');
  await seat(dataSource, o2, s1, 'no_show');
  await seat(dataSource, r1, s1, 'attended');
  await seat(dataSource, a1, s1, 'cancelled');
  await seat(dataSource, o3, s2, 'registered');
  await seat(dataSource, o4, s2, 'waitlisted');

  // 22:30 UTC on 5 January is still the 5th in Copenhagen; 23:30 UTC is already the 6th.
  await seatEvent(dataSource, a1, 'registered', '2026-01-05T08:00:00Z');
  await seatEvent(dataSource, o1, 'registered', '2026-01-05T22:30:00Z');
  await seatEvent(dataSource, o2, 'registered', '2026-01-05T23:30:00Z');
  await seatEvent(dataSource, o4, 'waitlisted', '2026-01-06T10:00:00Z');
  await seatEvent(dataSource, o3, 'registered', '2026-01-08T09:00:00Z');
  await seatEvent(dataSource, a1, 'cancelled', '2026-01-08T10:00:00Z');
  await seatEvent(dataSource, o1, 'invitation_issued', '2026-01-02T10:00:00Z');

  return { cycle, waves: [w1, w2], seminars: [s1, s2, s3] };
}
