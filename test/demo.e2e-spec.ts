import { Member } from '../src/cycles/member.entity';
import { DemoLoader } from '../src/demo/demo-loader';
import { Invitation } from '../src/invitations/invitation.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { Registration } from '../src/registrations/registration.entity';
import { invariantViolations, realAddresses } from './helpers/invariants';
import { startTestApp, TestApp } from './helpers/test-app';

/** Thrown to roll a transaction back once the test has looked inside it. */
class RollBack extends Error {}

// The load alone takes seconds, but minutes on a busy machine with PostgreSQL.
jest.setTimeout(600_000);

describe(DemoLoader.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads both cycles into a fresh database, with seats that add up, and refuses a second time', async () => {
    const loader = new DemoLoader(t.app, () => undefined);
    await expect(loader.refusal()).resolves.toBeNull();
    const { accounts, counts } = await loader.load();
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'planner', 'kl', 'municipality']);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(4);

    const q = (sql: string) => t.dataSource.query(sql);
    expect(await q('SELECT code FROM cycles ORDER BY code')).toEqual([{ code: 'KV21' }, { code: 'KV25' }]);
    const municipalities = await q(
      `SELECT COUNT(DISTINCT m.municipality_code) AS n FROM members m JOIN cycles c ON c.id = m.cycle_id WHERE c.code = 'KV25'`,
    );
    expect(Number(municipalities[0].n)).toBe(98);
    // Every seminar's counter equals the seats it holds.
    const mismatched = await q(
      `SELECT s.id FROM seminars s WHERE s.taken <> (SELECT COUNT(*) FROM registrations r
         WHERE r.seminar_id = s.id AND r.state IN ('registered', 'attended', 'no_show'))`,
    );
    expect(mismatched).toEqual([]);
    expect(counts['KV25 waiting list']).toBe(4);
    // Every newly elected member of both cycles holds an invitation (and its e-mail) when the load returns.
    const [invited] = await q(
      `SELECT (SELECT COUNT(*) FROM members WHERE newly_elected = TRUE) AS newly,
              (SELECT COUNT(*) FROM invitations WHERE purpose = 'invitation') AS invited,
              (SELECT COUNT(*) FROM outbox_messages WHERE kind = 'invitation') AS mails`,
    );
    expect(Number(invited.newly)).toBe(counts['KV21 newly elected'] + counts['KV25 newly elected']);
    expect([Number(invited.invited), Number(invited.mails)]).toEqual([
      Number(invited.newly),
      Number(invited.newly),
    ]);
    expect(await q(`SELECT code, status FROM cycles ORDER BY code`)).toEqual([
      { code: 'KV21', status: 'closed' },
      { code: 'KV25', status: 'active' },
    ]);
    const full = await q(
      `SELECT COUNT(*) AS n FROM seminars WHERE taken = capacity AND status = 'published'`,
    );
    expect(Number(full[0].n)).toBeGreaterThanOrEqual(1);
    expect(counts['KV25 pilot evaluation answers']).toBeGreaterThanOrEqual(5);
    expect(counts['KV21 evaluation answers']).toBeGreaterThan(100);

    const kl = accounts.find((a) => a.role === 'kl')!;
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: kl.email, password: kl.password })
      .expect(200);
    const cycles = await t.http().get('/api/cycles').set('Authorization', `Bearer ${login.body.accessToken}`);
    const kv25 = cycles.body.find((c: { code: string }) => c.code === 'KV25');
    const results = await t
      .http()
      .get(`/api/cycles/${kv25.id}/evaluations/results`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(results.body.cycle.suppressed).toBe(false);
    expect(results.body.cycle.responses).toBe(counts['KV25 pilot evaluation answers']);

    await expect(loader.refusal()).resolves.toMatch(/cycle/);
  });

  it('leaves a database in which every invariant of the services holds, with no address that reaches anyone', async () => {
    await expect(invariantViolations(t.dataSource.manager)).resolves.toEqual([]);
    await expect(realAddresses(t.dataSource.manager)).resolves.toEqual([]);
    const [mails] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'evaluation_request'`,
    );
    // KV21's 612 attendees and the pilot's 21 were each asked by e-mail.
    expect(Number(mails.n)).toBe(612 + 21);
  });

  it('has an invariant check that sees each kind of broken row', async () => {
    const m = t.dataSource.manager;
    const seminar = await m
      .createQueryBuilder(Seminar, 's')
      .where('s.taken > 0 AND s.taken < s.capacity')
      .orderBy('s.id')
      .getOneOrFail();
    const confirmation = await m.findOneByOrFail(OutboxMessage, { kind: 'confirmation' });
    const calendarless = await m.findOneOrFail(OutboxMessage, {
      where: { kind: 'confirmation' },
      order: { id: 'DESC' },
    });
    const issued = await m.findOneByOrFail(RegistrationEvent, { kind: 'invitation_issued' });
    const waiting = await m.findOneByOrFail(Registration, { state: 'waitlisted' });
    const invitation = await m.findOneOrFail(Invitation, {
      where: { purpose: 'invitation' },
      order: { id: 'DESC' },
    });
    const member = await m.findOneOrFail(Member, { where: {}, order: { id: 'ASC' } });
    const seen = await t.dataSource
      .transaction(async (tx) => {
        await tx.update(Seminar, seminar.id, { taken: seminar.taken + 1 });
        await tx.delete(OutboxMessage, confirmation.id);
        await tx.update(OutboxMessage, calendarless.id, { ics: null, icsFilename: null, draft: null });
        await tx.delete(RegistrationEvent, issued.id);
        await tx.update(Registration, waiting.id, { waitlistNumber: 9 });
        await tx.update(Invitation, invitation.id, { tokenHash: 'f'.repeat(64) });
        await tx.update(Member, member.id, { email: 'soeren.jensen@nyborg.dk' });
        throw new RollBack([...(await invariantViolations(tx)), ...(await realAddresses(tx))].join('\n'));
      })
      .catch((error: unknown) => {
        if (error instanceof RollBack) return error.message.split('\n');
        throw error;
      });
    expect(seen).toEqual(
      expect.arrayContaining([
        `seminar ${seminar.id}: taken ${seminar.taken + 1}, ${seminar.taken} seats`,
        expect.stringMatching(new RegExp(`^seat \\d+: no confirmation e-mail for its registered event$`)),
        `seat ${calendarless.key.split(':')[1]}: its confirmation has no calendar file`,
        `invitation ${issued.invitationId}: 0 invitation_issued events of its member`,
        expect.stringMatching(new RegExp(`^seminar ${waiting.seminarId}: waiting places numbered .*9$`)),
        `invitation ${invitation.id}: its e-mail does not carry its link`,
        `e-mail invitation:${invitation.id}: a personal link that opens no link of its member`,
        'soeren.jensen@nyborg.dk',
      ]),
    );
    // Rolled back: the demo's rows are as they were.
    await expect(invariantViolations(m)).resolves.toEqual([]);
  });
});
