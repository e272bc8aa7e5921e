import { Member } from '../../src/cycles/member.entity';
import { Seminar } from '../../src/planning/seminar.entity';
import { StaffService } from '../../src/auth/staff.service';
import { SeatService } from '../../src/registrations/seat.service';
import { createCycle, createMembers } from '../../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../../test/factories/planning.factory';
import { captureIssuedLinks, inviteAndWait } from '../../test/helpers/portal';
import { startTestApp, TestApp } from '../../test/helpers/test-app';

/** 300 members' tokens and the seminars they book, in turn. */
export interface Burst {
  seminarIds: number[];
  tokens: string[];
}

export const STAFF_PASSWORD = 'et-rigtig-langt-kodeord';

/** What the rush bench drives from outside: tokens of members, seminars, staff accounts. */
export interface RushData {
  database: TestApp['database'];
  /**
   * Bursts of 300 bookings, each with members and seminars of its own (a burst fills its
   * seminars): two at one 25-seat seminar, two spread over ten 25-seat seminars.
   */
  oneSeminar: Burst[];
  tenSeminars: Burst[];
  /**
   * Seven bursts of 300 members each at one 25-seat seminar of its own, for benches that burst
   * again and again; they reuse the members and seminars above, so a bench uses one set or the other.
   */
  rounds: Burst[];
  /** A seminar with 64 seats taken, for the PATCH that writes 64 change e-mails. */
  fullSeminarId: number;
  cycleId: number;
  /** A member with a seat at the full seminar, for the console's member page. */
  seatedMemberId: number;
  /** A token of a member with no seat, for the personal page. */
  pageToken: string;
  planner: { email: string; password: string };
}

/**
 * A cycle the size of the national demo (2,400 members over the municipalities, 30 seminars),
 * written through the app in-process on a fresh database that stays behind for the app process.
 */
export async function prepareRushData(): Promise<RushData> {
  const t = await startTestApp();
  const links = captureIssuedLinks(t);
  const plannerToken = await t.tokenFor('planner');
  const cycle = await createCycle(t.dataSource);
  const wave = await createWave(t.dataSource, cycle.id);
  const seminars: Seminar[] = [];
  for (let i = 0; i < 30; i++) {
    const venue = await createVenue(t.dataSource, {
      latitude: 54.8 + (i % 10) * 0.3,
      longitude: 8.3 + i * 0.15,
    });
    seminars.push(await createSeminar(t.dataSource, wave, venue, { capacity: i === 29 ? 64 : 25 }));
  }
  const codes = [101, 147, 151, 153, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190, 201];
  const members: Member[] = [];
  for (const [i, code] of codes.entries()) {
    members.push(
      ...(await createMembers(t.dataSource, cycle.id, i < 6 ? 134 : 133, { municipalityCode: code })),
    );
  }
  await inviteAndWait(t.http, cycle.id, plannerToken);
  const tokenOf = (memberId: number) => links.get(memberId)!;
  const burst = (at: Seminar[], who: Member[]): Burst => ({
    seminarIds: at.map((s) => s.id),
    tokens: who.map((m) => tokenOf(m.id)),
  });
  const seats = t.app.get(SeatService);
  const fullSeminar = seminars[29];
  for (const member of members.slice(1200, 1264)) {
    await seats.register(member.id, fullSeminar.id, { kind: 'planner', staffId: 1 });
  }
  const planner = { email: 'bench-planner@kattegat.test', password: STAFF_PASSWORD };
  await t.app.get(StaffService).create({ ...planner, name: 'Bench planner', role: 'planner' });
  await t.app.close();
  return {
    database: t.database,
    oneSeminar: [0, 1].map((i) => burst(seminars.slice(i, i + 1), members.slice(i * 300, i * 300 + 300))),
    tenSeminars: [0, 1].map((i) =>
      burst(seminars.slice(2 + i * 10, 12 + i * 10), members.slice(600 + i * 300, 900 + i * 300)),
    ),
    // Members 1200–1263 hold seats and 2000 is the personal page's: the rounds leave them out.
    rounds: [0, 300, 600, 900, 1264, 1564, 2001].map((from, i) =>
      burst(seminars.slice(i, i + 1), members.slice(from, from + 300)),
    ),
    fullSeminarId: fullSeminar.id,
    cycleId: cycle.id,
    seatedMemberId: members[1200].id,
    pageToken: tokenOf(members[2000].id),
    planner,
  };
}
