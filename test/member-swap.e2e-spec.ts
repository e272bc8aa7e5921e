import { In } from 'typeorm';
import { Member } from '../src/cycles/member.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { calendarOf, deliver, inviteByMail, mailsTo } from './helpers/member-mail';
import { submit } from './helpers/portal';
import { startMailingApp, stopMailingApp } from './helpers/mailing-app';
import { SmtpSink } from './helpers/smtp-sink';
import { TestApp } from './helpers/test-app';

jest.setTimeout(180_000);

describe('A swap wish: keep the seat while waiting for a preferred seminar', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: string;

  beforeAll(async () => ({ sink, t, planner } = await startMailingApp()));
  afterAll(() => stopMailingApp({ t, sink }));

  const seats = () => t.dataSource.getRepository(Registration);
  const seatsAs = { kind: 'planner' as const, staffId: 1 };

  it('a seated member joins the waiting list of a full seminar from the page and keeps the seat', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const kolding = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      title: 'Kattegat Kolding',
    });
    const skagen = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, {
        name: 'Hotel Nordsøen',
        town: 'Skagen',
        latitude: 57.72,
        longitude: 10.58,
      }),
      { title: 'Kattegat Skagen', capacity: 1 },
    );
    const [member, seated] = await createMembers(t.dataSource, cycle.id, 2);
    await t.app.get(SeatService).register(seated.id, skagen.id, seatsAs);
    const token = (await inviteByMail(t, sink, cycle.id, planner)).get(member.email!)!;
    await submit(t, token, 'tilmeld', { seminarId: String(kolding.id) });
    await deliver(t, sink);

    const page = await t.http().get(`/p/${token}`).expect(200);
    expect(page.text).toContain('Skriv mig på ventelisten og behold min plads');
    const wished = await submit(t, token, 'venteliste-skift', { seminarId: String(skagen.id) });
    expect(wished.headers.location).toBe(`/p/${token}?besked=bytte`);
    const after = await t.http().get(wished.headers.location).expect(200);
    expect(after.text).toContain('Du er tilmeldt');
    expect(after.text).toContain('Du står som nr. 1 på ventelisten til Kattegat Skagen');
    const [mail] = mailsTo(await deliver(t, sink), member);
    expect(mail.subject).toBe('Du er nummer 1 på ventelisten til Kattegat Skagen');
    expect(mail.text).toContain('Du beholder din plads på Kattegat Kolding');
    expect(calendarOf(mail)).toBeNull();

    // When the place comes up, the seat moves: one e-mail, the calendar entry updated.
    const koldingSeat = await seats().findOneByOrFail({ memberId: member.id, state: 'registered' });
    const other = await seats().findOneByOrFail({ memberId: seated.id, state: 'registered' });
    await t
      .http()
      .post(`/api/registrations/${other.id}/cancel`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    const mine = mailsTo(await deliver(t, sink), member);
    expect(mine.map((m) => m.subject)).toEqual(['Din plads er flyttet til Kattegat Skagen']);
    expect(mine[0].text).toContain('Fra: Kattegat Kolding');
    expect(calendarOf(mine[0])).toMatchObject({ method: 'REQUEST', uid: `seat-${koldingSeat.id}@kattegat` });
    const now = await t.http().get(`/p/${token}`).expect(200);
    expect(now.text).not.toContain('på ventelisten til');
    await expect(seats().countBy({ seminarId: kolding.id, state: 'registered' })).resolves.toBe(0);
  });

  it('a swap wish can be withdrawn, and goes with the seat it was held beside', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    const mine = await createSeminar(t.dataSource, wave, venue, { title: 'Mit seminar' });
    const wanted = await createSeminar(t.dataSource, wave, venue, { title: 'Det fulde', capacity: 1 });
    const [member, seated] = await createMembers(t.dataSource, cycle.id, 2);
    await t.app.get(SeatService).register(seated.id, wanted.id, seatsAs);
    const token = (await inviteByMail(t, sink, cycle.id, planner)).get(member.email!)!;
    await submit(t, token, 'tilmeld', { seminarId: String(mine.id) });
    await submit(t, token, 'venteliste-skift', { seminarId: String(wanted.id) });
    await deliver(t, sink);

    const withdrawn = await submit(t, token, 'venteliste-skift/fortryd');
    expect(withdrawn.headers.location).toBe(`/p/${token}?besked=bytteslettet`);
    await expect(seats().countBy({ memberId: member.id, state: 'swap_waiting' })).resolves.toBe(0);
    await expect(
      seats().countBy({ memberId: member.id, state: 'registered', seminarId: mine.id }),
    ).resolves.toBe(1);
    expect(mailsTo(await deliver(t, sink), member)).toEqual([]);

    await submit(t, token, 'venteliste-skift', { seminarId: String(wanted.id) });
    const cancelled = await submit(t, token, 'afbud');
    await expect(seats().countBy({ memberId: member.id, state: 'swap_waiting' })).resolves.toBe(0);
    // The seat, not the wish, is what the page offers back.
    const after = await t.http().get(cancelled.headers.location).expect(200);
    expect(after.text).toContain('Du har meldt afbud til Mit seminar');
    // The place that opens later goes to nobody from this member.
    const other = await seats().findOneByOrFail({ memberId: seated.id, state: 'registered' });
    await t
      .http()
      .post(`/api/registrations/${other.id}/cancel`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    await expect(seats().countBy({ memberId: member.id, state: 'registered' })).resolves.toBe(0);
  });

  it('50 members wait to swap into a seminar; 10 places open at once: 10 swaps, 10 freed seats promoted', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    const wanted = await createSeminar(t.dataSource, wave, venue, {
      title: 'Det ønskede seminar',
      capacity: 10,
    });
    const others = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        createSeminar(t.dataSource, wave, venue, { title: `Seminar ${n}`, capacity: 10 }),
      ),
    );
    const [leavers, swappers, waiters] = [
      await createMembers(t.dataSource, cycle.id, 10),
      await createMembers(t.dataSource, cycle.id, 50),
      await createMembers(t.dataSource, cycle.id, 10),
    ];
    const service = t.app.get(SeatService);
    for (const m of leavers) await service.register(m.id, wanted.id, seatsAs);
    const seatOf = new Map<number, Registration>();
    for (const [i, m] of swappers.entries())
      seatOf.set(m.id, await service.register(m.id, others[i % 5].id, seatsAs));
    for (const [i, m] of waiters.entries()) await service.register(m.id, others[i % 5].id, seatsAs);
    for (const m of swappers)
      await service.wishSwap(seatOf.get(m.id)!.id, wanted.id, { kind: 'member' }, m.id);
    await deliver(t, sink);

    const leaving = await seats().findBy({ seminarId: wanted.id, state: 'registered' });
    const answers = await Promise.all(
      leaving.map((seat) =>
        t.http().post(`/api/registrations/${seat.id}/cancel`).auth(planner, { type: 'bearer' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(leaving.map(() => 200));

    // The first ten wishes (by their number on the list) got the places.
    const inWanted = await seats().find({ where: { seminarId: wanted.id, state: 'registered' } });
    const firstTen = swappers.slice(0, 10).map((m) => m.id);
    expect(inWanted.map((s) => s.memberId).sort((a, b) => a - b)).toEqual(
      [...firstTen].sort((a, b) => a - b),
    );
    await expect(seats().countBy({ seminarId: wanted.id, state: 'swap_waiting' })).resolves.toBe(40);
    // Their old seats went to those waiting at the five other seminars, which stay full.
    const promoted = await seats().findBy({ memberId: In(waiters.map((m) => m.id)), state: 'registered' });
    expect(promoted).toHaveLength(10);
    for (const seminar of [wanted, ...others]) {
      const { taken } = await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id });
      await expect(seats().countBy({ seminarId: seminar.id, state: 'registered' })).resolves.toBe(10);
      expect(taken).toBe(10);
    }
    await expect(
      seats().countBy({
        memberId: In(firstTen),
        state: 'registered',
        seminarId: In(others.map((s) => s.id)),
      }),
    ).resolves.toBe(0);

    // One e-mail each: the swap (updating the entry of the seat they held), the promotion, the cancellation.
    const mails = await deliver(t, sink);
    const subjects = (members: Member[]) =>
      members.flatMap((m) => mailsTo(mails, m).map((mail) => mail.subject ?? ''));
    expect(subjects(swappers.slice(0, 10))).toEqual(
      Array(10).fill('Din plads er flyttet til Det ønskede seminar'),
    );
    for (const m of swappers.slice(0, 10)) {
      const ics = calendarOf(mailsTo(mails, m)[0])!;
      expect([ics.method, ics.uid]).toEqual(['REQUEST', `seat-${seatOf.get(m.id)!.id}@kattegat`]);
      expect(ics.sequence).toBeGreaterThan(0);
    }
    expect(subjects(waiters)).toHaveLength(10);
    expect(subjects(waiters).every((s) => s.startsWith('Du har fået en plads på Seminar '))).toBe(true);
    expect(subjects(leavers)).toHaveLength(10);
    expect(subjects(swappers.slice(10))).toEqual([]);
    expect(mails).toHaveLength(30);
  });

  it('a swap wish for a seminar that is cancelled ends, and the member keeps the seat', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    const mine = await createSeminar(t.dataSource, wave, venue, { title: 'Mit seminar' });
    const wanted = await createSeminar(t.dataSource, wave, venue, { title: 'Det aflyste', capacity: 1 });
    const [member, seated] = await createMembers(t.dataSource, cycle.id, 2);
    const service = t.app.get(SeatService);
    await service.register(seated.id, wanted.id, seatsAs);
    const seat = await service.register(member.id, mine.id, seatsAs);
    await service.wishSwap(seat.id, wanted.id, { kind: 'member' }, member.id);
    await deliver(t, sink);
    await t
      .http()
      .patch(`/api/seminars/${wanted.id}`)
      .auth(planner, { type: 'bearer' })
      .send({ status: 'cancelled' })
      .expect(200);
    await expect(seats().countBy({ memberId: member.id, state: 'swap_waiting' })).resolves.toBe(0);
    await expect(
      seats().countBy({ memberId: member.id, state: 'registered', seminarId: mine.id }),
    ).resolves.toBe(1);
    // Only the one seated there hears of the cancellation.
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, member)).toEqual([]);
    expect(mailsTo(mails, seated).map((m) => m.subject)).toEqual(['Aflyst: Det aflyste']);
  });
});
