import { addDays, fromLocal, toLocal } from '../src/common/local-time';
import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationReminders } from '../src/messaging/invitation-reminders';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { deliver, inviteByMail, mailsTo, PAGE_LINK } from './helpers/member-mail';
import { submit } from './helpers/portal';
import { startMailingApp, stopMailingApp } from './helpers/mailing-app';
import { SmtpSink } from './helpers/smtp-sink';
import { TestApp } from './helpers/test-app';

const DAY = 24 * 3600 * 1000;

describe('Declining, and the invitation reminders to those who have not answered', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: string;
  let cycleId: number;
  let closes: Date;
  let tokens: Map<string, string>;
  let booker: { id: number; email: string | null };
  let waiter: { id: number; email: string | null };
  let decliner: { id: number; email: string | null };
  let silent: { id: number; email: string | null };

  beforeAll(async () => {
    ({ sink, t, planner } = await startMailingApp());
    const cycle = await createCycle(t.dataSource);
    cycleId = cycle.id;
    closes = new Date(Date.now() + 30 * DAY);
    const wave = await createWave(t.dataSource, cycle.id, { registrationClosesAt: closes });
    const venue = await createVenue(t.dataSource);
    const open = await createSeminar(t.dataSource, wave, venue, { title: 'Kattegat Kolding' });
    const full = await createSeminar(t.dataSource, wave, venue, {
      title: 'Kattegat Fuldt',
      capacity: 1,
      taken: 1,
    });
    [booker, waiter, decliner, silent] = await createMembers(t.dataSource, cycle.id, 4);
    tokens = await inviteByMail(t, sink, cycle.id, planner);
    await submit(t, tokens.get(booker.email!)!, 'tilmeld', { seminarId: String(open.id) });
    await submit(t, tokens.get(waiter.email!)!, 'tilmeld', { seminarId: String(full.id) });
    await deliver(t, sink);
  });
  afterAll(() => stopMailingApp({ t, sink }));

  const reminders = () => t.app.get(InvitationReminders);

  it('"Jeg kan ikke deltage" with a reason: the page says so, and the member counts as declined', async () => {
    const token = tokens.get(decliner.email!)!;
    const page = await t.http().get(`/p/${token}`).expect(200);
    expect(page.text).toContain(`href="/p/${token}/kan-ikke-deltage"`);
    await t.http().get(`/p/${token}/kan-ikke-deltage`).expect(200);
    const sent = await submit(t, token, 'kan-ikke-deltage', { reason: 'Jeg er på barsel i foråret' });
    expect(sent.headers.location).toBe(`/p/${token}?besked=meldtfra`);
    const after = await t.http().get(sent.headers.location).expect(200);
    expect(after.text).toContain('Du har meldt, at du ikke kan deltage');
    expect(after.text).not.toContain('kan-ikke-deltage"');

    const participation = await t
      .http()
      .get(`/api/cycles/${cycleId}/participation`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(participation.body.counts).toMatchObject({
      declined: 1,
      not_answered: 1,
      registered: 1,
      waitlisted: 1,
    });
    const declined = participation.body.items.filter((i: { status: string }) => i.status === 'declined');
    expect(declined.map((i: { memberId: number }) => i.memberId)).toEqual([decliner.id]);

    const kl = await t.tokenFor('kl');
    const summary = await t
      .http()
      .get(`/api/cycles/${cycleId}/statistics/summary`)
      .auth(kl, { type: 'bearer' })
      .expect(200);
    expect(summary.body.totals).toMatchObject({ invited: 4, declined: 1, registered: 1, waitlisted: 1 });
  });

  it('a reason that is too long is refused in Danish beside the field, and nothing changes', async () => {
    const token = tokens.get(silent.email!)!;
    const refused = await submit(t, token, 'kan-ikke-deltage', { reason: 'x'.repeat(501) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="fejl-reason"');
    const participation = await t
      .http()
      .get(`/api/cycles/${cycleId}/participation`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(participation.body.counts).toMatchObject({ declined: 1, not_answered: 1 });
  });

  it('seven days after the invitation only the one who has not answered is reminded, with a fresh link', async () => {
    await expect(reminders().sweep(new Date(Date.now() + 6 * DAY))).resolves.toBe(0);
    await expect(reminders().sweep(new Date(Date.now() + 7 * DAY + 3600_000))).resolves.toBe(1);
    const mails = await deliver(t, sink);
    expect(mails.map((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address)).toEqual([silent.email]);
    expect(mails[0].subject).toBe('Påmindelse: Vælg dit Kattegat-seminar');
    const fresh = PAGE_LINK.exec(mails[0].text!)![1];
    const first = tokens.get(silent.email!)!;
    expect(fresh).not.toBe(first);
    await t.http().get(`/p/${fresh}`).expect(200);
    await t.http().get(`/p/${first}`).expect(200);
    // Once per invitation and kind.
    await expect(reminders().sweep(new Date(Date.now() + 8 * DAY))).resolves.toBe(0);
  });

  it('five days before registration closes the last reminder goes out, again only to them', async () => {
    await expect(reminders().sweep(new Date(closes.getTime() - 5 * DAY + 3600_000))).resolves.toBe(1);
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, silent).map((m) => m.subject)).toEqual([
      expect.stringMatching(
        /^Sidste påmindelse: Vælg dit Kattegat-seminar senest (?:man|tirs|ons|tors|fre|lør|søn)dag den \d+\. \w+ \d{4}$/,
      ),
    ]);
    expect(mails).toHaveLength(1);
    expect(mailsTo(mails, decliner)).toEqual([]);
    await expect(reminders().sweep(new Date(closes.getTime() + 3600_000))).resolves.toBe(0);
  });

  it('follows the cycle’s own days', async () => {
    await t
      .http()
      .patch(`/api/cycles/${cycleId}`)
      .auth(await t.tokenFor('admin'), { type: 'bearer' })
      .send({ invitationReminderAfterDays: 2, invitationReminderBeforeDeadlineDays: 10 })
      .expect(200);
    // A member invited now is reminded by the new numbers.
    const [again] = await createMembers(t.dataSource, cycleId, 1);
    await inviteByMail(t, sink, cycleId, planner);
    const invitation = await t.dataSource.getRepository(Invitation).findOneByOrFail({ memberId: again.id });
    const at = (ms: number) => new Date(invitation.createdAt.getTime() + ms);
    await expect(reminders().sweep(at(2 * DAY - 3600_000))).resolves.toBe(0);
    await expect(reminders().sweep(at(2 * DAY + 3600_000))).resolves.toBe(1);
    expect(mailsTo(await deliver(t, sink), again)).toHaveLength(1);
  });
  it('an invitation says how long the seminars last: "to døgn" for Thursday 13.00 to Saturday 13.00, nothing when they differ', async () => {
    let thursday = addDays(toLocal(new Date()).date, 40);
    while (new Date(`${thursday}T12:00:00Z`).getUTCDay() !== 4) thursday = addDays(thursday, 1);
    const at = (day: string, days: number, time: string) => fromLocal(addDays(day, days), time)!;
    const venue = await createVenue(t.dataSource);
    /** A cycle whose seminars, a week apart, start on a Thursday and end `days` later; its one member's invitation. */
    const inviteOne = async (seminars: Array<{ start: string; days: number; end: string }>) => {
      const cycle = await createCycle(t.dataSource);
      const wave = await createWave(t.dataSource, cycle.id);
      for (const [i, { start, days, end }] of seminars.entries())
        await createSeminar(t.dataSource, wave, venue, {
          startsAt: at(thursday, 7 * i, start),
          endsAt: at(thursday, 7 * i + days, end),
        });
      const [member] = await createMembers(t.dataSource, cycle.id, 1);
      await t
        .http()
        .post(`/api/cycles/${cycle.id}/invitations`)
        .auth(planner, { type: 'bearer' })
        .expect(201);
      const [mail] = mailsTo(await deliver(t, sink), member);
      return { text: mail.text!.replace(/\s+/g, ' '), html: String(mail.html) };
    };
    const thursdayToSaturday = { start: '13:00', days: 2, end: '13:00' };
    const same = await inviteOne([thursdayToSaturday, thursdayToSaturday]);
    expect(same.text).toMatch(/inviteret til Kattegat-forløbet \([^)]+\): to døgn sammen med andre nyvalgte/);
    expect(same.html).toMatch(/Kattegat-forløbet \([^)]+\): to døgn sammen med/);
    const differ = await inviteOne([thursdayToSaturday, { start: '10:00', days: 1, end: '16:00' }]);
    expect(differ.text).toMatch(/inviteret til Kattegat-forløbet \([^)]+\): sammen med andre nyvalgte/);
    expect(differ.text).not.toMatch(/døgn|dage sammen/);
  });
});
