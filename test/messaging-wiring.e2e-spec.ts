import ICAL from 'ical.js';
import { In } from 'typeorm';
import { ParsedMail } from 'mailparser';
import { Member } from '../src/cycles/member.entity';
import { Invitation } from '../src/invitations/invitation.entity';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { ReminderSweeper } from '../src/messaging/reminder-sweeper';
import { SeatMessenger } from '../src/messaging/seat-messenger';
import { AgendaItem } from '../src/planning/agenda-item.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { createMembers, createCycle } from './factories/cycle-members.factory';
import { recordAttendance, seminarWithParticipants } from './factories/evaluations.factory';
import { hashPersonalToken } from '../src/invitations/personal-token';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { inviteAndWait, submit } from './helpers/portal';
import { startMailingApp, stopMailingApp } from './helpers/mailing-app';
import { SmtpSink } from './helpers/smtp-sink';
import { TestApp } from './helpers/test-app';
import { waitUntil } from './helpers/wait';

const DAY = 24 * 3600 * 1000;
/** A Tuesday in winter: 12:00 UTC is 13:00 in Copenhagen. */
const START = new Date('2030-01-15T12:00:00Z');
const END = new Date('2030-01-17T11:00:00Z');
const PAGE_LINK = /https?:\/\/[^\s"<>]+\/p\/([A-Za-z0-9_-]{43})/;

function vevent(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: calendar.getFirstPropertyValue('method'), event, vevent: event.component };
}

describe('Messaging wired into invitations, seats, reminders and evaluations', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: string;

  beforeAll(async () => ({ sink, t, planner } = await startMailingApp()));
  afterAll(() => stopMailingApp({ t, sink }));

  const api = () => ({
    post: (url: string, body: object = {}) => t.http().post(url).auth(planner, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(planner, { type: 'bearer' }).send(body),
    get: (url: string) => t.http().get(url).auth(planner, { type: 'bearer' }),
  });
  const outbox = () => t.dataSource.getRepository(OutboxMessage);
  /** Sends what is due and returns the mails that arrived for the address by this call. */
  async function deliver(): Promise<ParsedMail[]> {
    const before = sink.received.length;
    await t.app.get(DispatcherService).drain();
    return Promise.all(sink.received.slice(before).map((m) => sink.parse(m)));
  }
  const to = (mails: ParsedMail[], member: Member) =>
    mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === member.email);
  const icsOf = (mail: ParsedMail) => mail.attachments.find((a) => a.contentType === 'text/calendar');

  /** A cycle and a one-seat seminar of the test's own, with `count` members invited and their links. */
  async function invited(count: number, startsAt = START, endsAt = END) {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      title: 'Kattegat Kolding',
      startsAt,
      endsAt,
      capacity: 1,
    });
    const members = await createMembers(t.dataSource, cycle.id, count);
    await api().post(`/api/cycles/${cycle.id}/invitations`).expect(201);
    const mails = await deliver();
    const tokens = members.map((m) => PAGE_LINK.exec(to(mails, m)[0].text!)![1]);
    return { seminar, members, tokens, mails };
  }

  /**
   * The first member books the one seat through the invitation link (the confirmation is
   * delivered); a second member, if asked for, is put on the waiting list by the planner.
   */
  async function booked(count: 1 | 2, startsAt = START, endsAt = END) {
    const story = await invited(count, startsAt, endsAt);
    const [first, second] = story.members;
    const booking = await submit(t, story.tokens[0], 'tilmeld', { seminarId: String(story.seminar.id) });
    expect(booking.status).toBe(303);
    const [confirmation] = to(await deliver(), first);
    const seat = await t.dataSource.getRepository(Registration).findOneByOrFail({ memberId: first.id });
    if (second) {
      await api()
        .post(`/api/seminars/${story.seminar.id}/registrations`, { memberId: second.id })
        .expect(201);
    }
    return { ...story, confirmation, seat };
  }

  const anHourLater = (seminar: Seminar) =>
    api()
      .patch(`/api/seminars/${seminar.id}`, {
        startsAt: new Date(START.getTime() + 3600_000).toISOString(),
        endsAt: new Date(END.getTime() + 3600_000).toISOString(),
      })
      .expect(200);

  it('sends the invitation with a personal link that opens the member’s page', async () => {
    const { members, tokens, mails } = await invited(2);
    const [memberA, memberB] = members;
    const [invitation] = to(mails, memberA);
    expect(invitation.subject).toMatch(/Kattegat/);
    await t.http().get(`/p/${tokens[0]}`).expect(200);
    expect(to(mails, memberB)).toHaveLength(1);
    const row = await outbox().findOneByOrFail({ memberId: memberA.id, kind: 'invitation' });
    expect(row.key).toMatch(/^invitation:\d+$/);
  });

  it('confirms a booking with a calendar invitation at 13:00 Copenhagen time and a working link', async () => {
    const { members, tokens, confirmation: mail, seat } = await booked(1);
    const [memberA] = members;
    const tokenA = tokens[0];
    expect(mail.subject).toContain('Bekræftelse');
    const { method, event, vevent: component } = vevent(icsOf(mail)!.content.toString('utf8'));
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(`seat-${seat.id}@kattegat`);
    expect(event.sequence).toBe(0);
    expect([event.startDate.hour, event.startDate.zone.tzid]).toEqual([13, 'Europe/Copenhagen']);
    expect(String(component.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:kattegat@kl.dk');
    expect(String(component.getFirstPropertyValue('attendee')).toLowerCase()).toBe(`mailto:${memberA.email}`);
    expect(event.location).toBe('Hotel Koldingfjord, Fjordvej 154, 6000 Kolding');
    // The description carries a link of its own (the invitation's token was never stored).
    const link = PAGE_LINK.exec(event.description)![1];
    expect(link).not.toBe(tokenA);
    await t.http().get(`/p/${link}`).expect(200);
    await t.http().get(`/p/${tokenA}`).expect(200);
    await expect(
      t.dataSource.getRepository(Invitation).countBy({ memberId: memberA.id, purpose: 'message' }),
    ).resolves.toBe(1);
  });

  it('lists the agenda in time order in the confirmation and its calendar entry, each seminar its own', async () => {
    const story = await invited(1);
    const other = await invited(1);
    // Saved out of time order; the other seminar's item must not show up in this one's mail.
    await t.dataSource.getRepository(AgendaItem).save([
      {
        seminarId: story.seminar.id,
        startsAt: new Date(START.getTime() + DAY),
        title: 'Økonomi og budget',
        speaker: null,
      },
      { seminarId: story.seminar.id, startsAt: START, title: 'Velkomst', speaker: 'Åse Ærø' },
      { seminarId: other.seminar.id, startsAt: START, title: 'Andet seminars punkt', speaker: null },
    ]);
    expect(
      (await submit(t, story.tokens[0], 'tilmeld', { seminarId: String(story.seminar.id) })).status,
    ).toBe(303);
    const [mail] = to(await deliver(), story.members[0]);
    const lines = [
      'tirsdag den 15. januar 2030 kl. 13.00: Velkomst (Åse Ærø)',
      'onsdag den 16. januar 2030 kl. 13.00: Økonomi og budget',
    ];
    for (const text of [mail.text!, vevent(icsOf(mail)!.content.toString('utf8')).event.description]) {
      expect(text.indexOf(lines[0])).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(lines[1])).toBeGreaterThan(text.indexOf(lines[0]));
      expect(text).not.toContain('Andet seminars punkt');
    }
  });

  it('puts the next member on the waiting list with the number, without a calendar file', async () => {
    const { members } = await booked(2);
    const [mail] = to(await deliver(), members[1]);
    expect(mail.text).toContain('nummer 1 på ventelisten');
    expect(icsOf(mail)).toBeUndefined();
  });

  it('offers the seat as a calendar file on the personal page, same UID and SEQUENCE', async () => {
    const { tokens, seat } = await booked(1);
    const tokenA = tokens[0];
    const page = await t.http().get(`/p/${tokenA}`).expect(200);
    expect(page.text).toContain(`/p/${tokenA}/kalender.ics`);
    const res = await t.http().get(`/p/${tokenA}/kalender.ics`).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="kattegat-forloeb.ics"; filename*=UTF-8''kattegat-forl%C3%B8b.ics`,
    );
    const { event } = vevent(res.text);
    expect([event.uid, event.sequence]).toEqual([`seat-${seat.id}@kattegat`, 0]);
  });

  it('announces a change of time with a higher SEQUENCE under the same UID', async () => {
    const { seminar, members, tokens, seat } = await booked(2);
    const [memberA, memberB] = members;
    await deliver();
    await anHourLater(seminar);
    const [mail] = to(await deliver(), memberA);
    const { method, event } = vevent(icsOf(mail)!.content.toString('utf8'));
    expect(method).toBe('REQUEST');
    expect([event.uid, event.sequence, event.startDate.hour]).toEqual([`seat-${seat.id}@kattegat`, 1, 14]);
    expect(mail.text).toContain('kl. 13.00');
    // The waiting member's seat is not in a calendar: no change e-mail for it.
    await expect(outbox().countBy({ memberId: memberB.id, kind: 'change' })).resolves.toBe(0);
    const download = vevent((await t.http().get(`/p/${tokens[0]}/kalender.ics`).expect(200)).text);
    expect(download.event.sequence).toBe(1);
  });

  it('cancels with METHOD:CANCEL under the same UID, and promotes the waiting member', async () => {
    const { seminar, members, tokens, seat } = await booked(2);
    const [memberA, memberB] = members;
    await anHourLater(seminar); // SEQUENCE 1 in the member's calendar
    await deliver();
    expect((await submit(t, tokens[0], 'afbud')).status).toBe(303);
    const mails = await deliver();
    const [cancel] = to(mails, memberA);
    const cancelled = vevent(icsOf(cancel)!.content.toString('utf8'));
    expect(cancelled.method).toBe('CANCEL');
    expect([cancelled.event.uid, cancelled.event.sequence]).toEqual([`seat-${seat.id}@kattegat`, 2]);
    const promotion = to(mails, memberB).find((m) => icsOf(m) && m.subject?.match(/plads/i));
    expect(promotion).toBeDefined();
    const promoted = await outbox().findOneByOrFail({ memberId: memberB.id, kind: 'promotion' });
    expect(promoted.seminarId).toBe(seminar.id);
    expect(vevent(promoted.ics!).method).toBe('REQUEST');
  });

  it('writes one message for an event recorded twice', async () => {
    // The second member moves up when the first cancels: the promotion is written once already.
    const { members, tokens } = await booked(2);
    expect((await submit(t, tokens[0], 'afbud')).status).toBe(303);
    const seat = await t.dataSource.getRepository(Registration).findOneByOrFail({ memberId: members[1].id });
    const event = {
      kind: 'promoted' as const,
      cycleId: seat.cycleId,
      memberId: seat.memberId,
      registrationId: seat.id,
      seminarId: seat.seminarId,
      actor: { kind: 'system' as const },
      calendarSequence: seat.calendarSequence,
      calendarSeatId: seat.id,
    };
    const links = () => t.dataSource.getRepository(Invitation).countBy({ memberId: seat.memberId });
    const before = await links();
    await t.dataSource.transaction((m) => t.app.get(SeatMessenger).send(m, [event, event]));
    await expect(outbox().countBy({ memberId: seat.memberId, kind: 'promotion' })).resolves.toBe(1);
    await expect(links()).resolves.toBe(before);
  });

  it('shows the delivery log per member and per seminar', async () => {
    // Booked, a second member waitlisted, the time changed, the first cancels and the second moves up.
    const { seminar, members, tokens } = await booked(2);
    await anHourLater(seminar);
    expect((await submit(t, tokens[0], 'afbud')).status).toBe(303);
    const byMember = await api().get(`/api/messages?memberId=${members[0].id}`).expect(200);
    expect(byMember.body.items.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'cancellation',
      'change',
      'confirmation',
      'invitation',
    ]);
    const bySeminar = await api().get(`/api/messages?seminarId=${seminar.id}`).expect(200);
    expect(bySeminar.body.total).toBe(5);
  });

  it('reminds a registered member once 14 days and once 2 days before', async () => {
    // A month before the other tests' seminars, so that the sweeps find this seat alone.
    const start = START.getTime() - 30 * DAY;
    const { members, seat } = await booked(1, new Date(start), new Date(start + 2 * DAY));
    const sweeper = t.app.get(ReminderSweeper);
    await expect(sweeper.sweep(new Date(start - 15 * DAY))).resolves.toBe(0);
    await expect(sweeper.sweep(new Date(start - 14 * DAY + 60_000))).resolves.toBe(1);
    await expect(sweeper.sweep(new Date(start - 13 * DAY))).resolves.toBe(0);
    await expect(sweeper.sweep(new Date(start - 2 * DAY + 60_000))).resolves.toBe(1);
    await expect(sweeper.sweep(new Date(start - 2 * DAY + 120_000))).resolves.toBe(0);
    const rows = await outbox().find({
      where: { kind: 'reminder', memberId: members[0].id },
      order: { key: 'ASC' },
    });
    expect(rows.map((r) => r.key).sort()).toEqual([`reminder:${seat.id}:14`, `reminder:${seat.id}:2`]);
    const mails = to(await deliver(), members[0]);
    expect(mails).toHaveLength(2);
    const link = PAGE_LINK.exec(mails[0].text!)![1];
    await t.http().get(`/p/${link}`).expect(200);
  });

  it('sends nothing to an erased member', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const other = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource));
    const [erased] = await createMembers(t.dataSource, cycle.id, 1);
    await api().post(`/api/seminars/${other.id}/registrations`, { memberId: erased.id }).expect(201);
    await t.dataSource
      .getRepository(Member)
      .update(erased.id, { erasedAt: new Date(), name: null, email: null });
    const before = await outbox().countBy({ memberId: erased.id });
    await api().patch(`/api/seminars/${other.id}`, { status: 'cancelled' }).expect(200);
    await expect(outbox().countBy({ memberId: erased.id })).resolves.toBe(before);
    await expect(t.app.get(ReminderSweeper).sweep(new Date(other.startsAt.getTime() - DAY))).resolves.toBe(0);
  });

  it('asks those who attended to evaluate, with a survey link that opens', async () => {
    const ran = await seminarWithParticipants(t, planner, 1);
    await deliver();
    await recordAttendance(t, planner, ran.seminar.id, [{ registrationId: ran.seats[0], attended: true }]);
    const [mail] = to(await deliver(), ran.members[0]);
    const token = /\/evaluering\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1];
    await t.http().get(`/evaluering/${token}`).expect(200);
    await expect(outbox().countBy({ memberId: ran.members[0].id, kind: 'evaluation_request' })).resolves.toBe(
      1,
    );
  });

  it('previews a message for a real member and seminar without sending or minting anything', async () => {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      title: 'Kattegat Kolding',
    });
    const [memberA] = await createMembers(t.dataSource, cycle.id, 1);
    const count = await outbox().count();
    const links = await t.dataSource.getRepository(Invitation).count();
    const res = await api()
      .get(`/api/messages/preview/confirmation?memberId=${memberA.id}&seminarId=${seminar.id}`)
      .expect(200);
    expect(res.body.text).toContain(memberA.name);
    expect(res.body.text).toContain('Kattegat Kolding');
    expect(res.body.text).toContain('/p/eksempel');
    const sample = await api().get('/api/messages/preview/confirmation').expect(200);
    expect(sample.body.text).toContain('Hindsgavl');
    await api().get(`/api/messages/preview/confirmation?memberId=999999`).expect(404);
    await api().get(`/api/messages/preview/confirmation?memberId=abc`).expect(400);
    await expect(outbox().count()).resolves.toBe(count);
    await expect(t.dataSource.getRepository(Invitation).count()).resolves.toBe(links);
  });

  it('keeps the link from a seat e-mail open after registration closes, until a month after the seminar', async () => {
    const { seminar, tokens, confirmation } = await booked(1);
    const tokenA = tokens[0];
    const messageLinkA = PAGE_LINK.exec(
      vevent(icsOf(confirmation)!.content.toString('utf8')).event.description,
    )![1];
    await anHourLater(seminar);
    const links = t.dataSource.getRepository(Invitation);
    const message = await links.findOneByOrFail({ tokenHash: hashPersonalToken(messageLinkA) });
    // The seminar was moved an hour later, and the link sent before followed its new end.
    const monthAfterSeminar = END.getTime() + 3600_000 + 30 * 24 * 3600 * 1000;
    expect([message.purpose, message.expiresAt.getTime()]).toEqual(['message', monthAfterSeminar]);
    // Registration closes: every wave of the cycle ends a minute ago.
    const waves = await api().get(`/api/cycles/${seminar.cycleId}/waves`).expect(200);
    for (const wave of waves.body as Array<{ id: number }>) {
      await api()
        .patch(`/api/cycles/${seminar.cycleId}/waves/${wave.id}`, {
          registrationOpensAt: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString(),
          registrationClosesAt: new Date(Date.now() - 60_000).toISOString(),
        })
        .expect(200);
    }
    await t.http().get(`/p/${tokenA}`).expect(404);
    await t.http().get(`/p/${messageLinkA}`).expect(200);
    // Recomputed when the waves moved: a month after the cycle's last seminar, never shorter.
    const after = await links.findOneByOrFail({ id: message.id });
    expect(after.expiresAt.getTime()).toBeGreaterThanOrEqual(monthAfterSeminar);
  });

  it('answers a mass invitation with 202 and writes every e-mail in the background job', async () => {
    const cycle = await createCycle(t.dataSource);
    await createWave(t.dataSource, cycle.id);
    const many = await createMembers(t.dataSource, cycle.id, 250);
    const started = await api().post(`/api/cycles/${cycle.id}/invitations`).expect(202);
    expect(started.body).toMatchObject({ status: 'running', total: 250 });
    const jobUrl = `/api/cycles/${cycle.id}/invitations/jobs/${started.body.id}`;
    const finished = await waitUntil(
      async () => {
        const res = await api().get(jobUrl).expect(200);
        return res.body.status === 'running' ? null : res;
      },
      { timeoutMs: 60_000, what: 'the invitation job to finish', intervalMs: 50 },
    );
    expect(finished.body).toMatchObject({ status: 'done', invited: 250, alreadyInvited: 0, error: null });
    const again = await inviteAndWait(() => t.http(), cycle.id, planner);
    expect(again).toMatchObject({ status: 'done', invited: 0, alreadyInvited: 250 });
    await expect(outbox().countBy({ kind: 'invitation', memberId: In(many.map((m) => m.id)) })).resolves.toBe(
      250,
    );
    await api().get(`/api/cycles/${cycle.id}/invitations/jobs/${started.body.id}x`).expect(404);
    const otherCycle = await createCycle(t.dataSource);
    await api().get(`/api/cycles/${otherCycle.id}/invitations/jobs/${started.body.id}`).expect(404);
  });
});
