import { Member } from '../src/cycles/member.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { calendarOf, deliver, inviteByMail, mailsTo, PAGE_LINK, parseCalendar } from './helpers/member-mail';
import { submit } from './helpers/portal';
import { startMailingApp, stopMailingApp } from './helpers/mailing-app';
import { SmtpSink } from './helpers/smtp-sink';
import { TestApp } from './helpers/test-app';

const DAY = 86400_000;
/** Thursday 13.00 to Saturday 13.00 in Copenhagen, in January 2030. */
const START = new Date('2030-01-17T12:00:00Z');
const at = (weeks: number) => ({
  startsAt: new Date(START.getTime() + weeks * 7 * DAY),
  endsAt: new Date(START.getTime() + (weeks * 7 + 2) * DAY),
});

describe('A move is one e-mail that updates the calendar entry', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: string;
  let kolding: Seminar;
  let vejle: Seminar;
  let aarhus: Seminar;
  let mover: Member;
  let waiting: Member;
  let token: string;
  let firstUid: string;

  beforeAll(async () => {
    ({ sink, t, planner } = await startMailingApp());
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    kolding = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      capacity: 1,
      ...at(0),
    });
    vejle = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, {
        name: 'Munkebjerg Hotel',
        address: 'Munkebjergvej 125',
        postalCode: '7100',
        town: 'Vejle',
      }),
      at(1),
    );
    aarhus = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, {
        name: 'Scandic Aarhus City',
        address: 'Østergade 10',
        postalCode: '8000',
        town: 'Aarhus',
      }),
      at(2),
    );
    [mover, waiting] = await createMembers(t.dataSource, cycle.id, 2);
    token = (await inviteByMail(t, sink, cycle.id, planner)).get(mover.email!)!;
  });
  afterAll(() => stopMailingApp({ t, sink }));

  it('books the first seat with a calendar entry of its own', async () => {
    expect((await submit(t, token, 'tilmeld', { seminarId: String(kolding.id) })).status).toBe(303);
    await t
      .http()
      .post(`/api/seminars/${kolding.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .send({ memberId: waiting.id })
      .expect(201);
    const mails = mailsTo(await deliver(t, sink), mover);
    expect(mails).toHaveLength(1);
    const ics = calendarOf(mails[0])!;
    expect([ics.method, ics.sequence]).toEqual(['REQUEST', 0]);
    firstUid = ics.uid;
  });

  it('a member who moves themselves gets one e-mail "din plads er flyttet", from where to where, same UID, higher SEQUENCE', async () => {
    expect((await submit(t, token, 'skift', { seminarId: String(vejle.id) })).status).toBe(303);
    const mails = await deliver(t, sink);
    const mine = mailsTo(mails, mover);
    expect(mine.map((m) => m.subject)).toEqual([`Din plads er flyttet til ${vejle.title}`]);
    expect(mine[0].text).toContain(`Fra: ${kolding.title}`);
    expect(mine[0].text).toContain('Munkebjerg Hotel, Munkebjergvej 125, 7100 Vejle');
    expect(mine[0].text).not.toMatch(/annulleret|afbud er modtaget|beklager/i);
    const ics = calendarOf(mine[0])!;
    expect(ics).toMatchObject({
      method: 'REQUEST',
      uid: firstUid,
      start: vejle.startsAt.toISOString(),
      location: 'Munkebjerg Hotel, Munkebjergvej 125, 7100 Vejle',
    });
    expect(ics.sequence).toBeGreaterThan(0);
    // The freed seat went to the one waiting, and that is the only other e-mail.
    expect(mailsTo(mails, waiting).map((m) => m.subject)).toEqual([
      `Du har fået en plads på ${kolding.title}`,
    ]);
    expect(mails).toHaveLength(2);
  });

  it('a planner’s move is the same one e-mail, the SEQUENCE rising again under the same UID', async () => {
    const seat = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: mover.id, state: 'registered' });
    const before = (await t.http().get(`/p/${token}/kalender.ics`).expect(200)).text;
    const sequenceBefore = parseCalendar(before).sequence;
    await t
      .http()
      .post(`/api/registrations/${seat.id}/move`)
      .auth(planner, { type: 'bearer' })
      .send({ seminarId: aarhus.id })
      .expect(200);
    const mails = await deliver(t, sink);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Din plads er flyttet til ${aarhus.title}`);
    expect(mails[0].text).toContain(`Fra: ${vejle.title}`);
    const ics = calendarOf(mails[0])!;
    expect([ics.method, ics.uid, ics.start]).toEqual(['REQUEST', firstUid, aarhus.startsAt.toISOString()]);
    expect(ics.sequence).toBeGreaterThan(sequenceBefore);
    // The page's calendar file is the same entry as the e-mail's.
    const now = parseCalendar((await t.http().get(`/p/${token}/kalender.ics`).expect(200)).text);
    expect([now.uid, now.sequence]).toEqual([firstUid, ics.sequence]);
  });

  it('a later cancellation cancels that same entry', async () => {
    const seat = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: mover.id, state: 'registered' });
    await t.http().post(`/api/registrations/${seat.id}/cancel`).auth(planner, { type: 'bearer' }).expect(200);
    const [mail] = mailsTo(await deliver(t, sink), mover);
    const ics = calendarOf(mail)!;
    expect([ics.method, ics.uid]).toEqual(['CANCEL', firstUid]);
  });

  it('the calendar entry carries a page link that opens the page; cancelling from there asks first', async () => {
    await submit(t, token, 'tilmeld', { seminarId: String(vejle.id) });
    const [mail] = mailsTo(await deliver(t, sink), mover);
    const description = calendarOf(mail)!.description;
    const link = PAGE_LINK.exec(description)![0];
    expect(description).not.toMatch(/afbud/);
    const opened = await t.http().get(new URL(link).pathname).expect(200);
    expect(opened.text).toContain('Du er tilmeldt');
    // The page's cancel is a link to a question, never a form that cancels in one tap.
    expect(opened.text).toContain(`href="${new URL(link).pathname}/afbud"`);
    expect(opened.text).not.toContain(`action="${new URL(link).pathname}/afbud"`);
    const asked = await t
      .http()
      .get(`${new URL(link).pathname}/afbud`)
      .expect(200);
    expect(asked.text).toContain('Er du sikker?');
    await expect(
      t.dataSource.getRepository(Registration).countBy({ memberId: mover.id, state: 'registered' }),
    ).resolves.toBe(1);
  });

  it('a seat taken back after a cancellation restores the same calendar entry', async () => {
    const cancelled = await submit(t, token, 'afbud');
    expect(cancelled.headers.location).toBe(`/p/${token}?besked=afbud`);
    const [cancellation] = mailsTo(await deliver(t, sink), mover);
    const cancel = calendarOf(cancellation)!;
    expect(cancel.method).toBe('CANCEL');
    const back = await submit(t, token, 'fortryd-afbud');
    expect(back.headers.location).toBe(`/p/${token}?besked=fortrudt`);
    const [confirmation] = mailsTo(await deliver(t, sink), mover);
    const ics = calendarOf(confirmation)!;
    expect([ics.method, ics.uid]).toEqual(['REQUEST', cancel.uid]);
    expect(ics.sequence).toBeGreaterThan(cancel.sequence);
  });

  it('taking back a seat whose place is gone is refused in Danish and changes nothing', async () => {
    const seat = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: mover.id, state: 'registered' });
    await submit(t, token, 'afbud');
    await t.dataSource.getRepository(Seminar).update({ id: seat.seminarId }, { capacity: 0 });
    const refused = await submit(t, token, 'fortryd-afbud');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Der er ingen plads at tage tilbage.');
    await expect(
      t.dataSource.getRepository(Registration).countBy({ memberId: mover.id, state: 'registered' }),
    ).resolves.toBe(0);
  });
});
