import Database from 'better-sqlite3';
import { Member } from '../src/cycles/member.entity';
import { Invitation } from '../src/invitations/invitation.entity';
import { hashPersonalToken } from '../src/invitations/personal-token';
import { AgendaItem } from '../src/planning/agenda-item.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Wave } from '../src/planning/wave.entity';
import { MemberPreference } from '../src/registrations/member-preference.entity';
import { Registration } from '../src/registrations/registration.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { captureIssuedLinks, csrfOf, submit } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

describe('Invitations and the personal pages', () => {
  let t: TestApp;
  let planner: string;
  let tokens: Map<number, string>;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    tokens = captureIssuedLinks(t);
  });
  afterAll(() => t.close());

  async function setUp(capacity = 1, memberCount = 2) {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const kolding = await createVenue(t.dataSource);
    const skagen = await createVenue(t.dataSource, {
      name: 'Skagen Badehotel',
      town: 'Skagen',
      latitude: 57.72,
      longitude: 10.58,
    });
    const near = await createSeminar(t.dataSource, wave, kolding, { capacity, title: 'Kattegat Kolding' });
    const far = await createSeminar(t.dataSource, wave, skagen, { capacity, title: 'Kattegat Skagen' });
    const members = await createMembers(t.dataSource, cycle.id, memberCount);
    const reelected = (await createMembers(t.dataSource, cycle.id, 1, { newlyElected: false }))[0];
    const invited = await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    expect(invited.body).toMatchObject({
      status: 'done',
      invited: memberCount,
      alreadyInvited: 0,
      expiresAt: wave.registrationClosesAt.toISOString(),
    });
    expect(tokens.has(reelected.id)).toBe(false);
    return { cycle, wave, near, far, members };
  }

  const page = (token: string) => t.http().get(`/p/${token}`);

  it('goes from invitation to link to seat to cancellation, which promotes the first on the waiting list', async () => {
    const { cycle, near, far, members } = await setUp(1, 3);
    const [a, b, c] = members.map((m) => tokens.get(m.id)!);

    const first = await page(a).expect(200);
    expect(first.headers['content-type']).toMatch(/text\/html/);
    expect(first.text).toContain('<html lang="da">');
    expect(first.text).toContain('Velkommen, Æble Østergård');
    // Odense members see Kolding before Skagen.
    expect(first.text.indexOf('Kattegat Kolding')).toBeLessThan(first.text.indexOf('Kattegat Skagen'));
    expect(first.text).toMatch(
      /(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) den \d+\. \w+ \d{4} kl\. \d\d\.\d\d/,
    );

    const taken = await submit(t, a, 'tilmeld', { seminarId: String(near.id) });
    expect(taken.status).toBe(303);
    expect(taken.headers.location).toBe(`/p/${a}?besked=tilmeldt`);
    const after = await page(a).expect(200);
    expect(after.text).toContain('Du er tilmeldt');

    expect((await submit(t, b, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    expect((await submit(t, c, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    expect((await page(b)).text).toContain('Du er på venteliste som nr. 1');
    expect((await page(c)).text).toContain('Du er på venteliste som nr. 2');

    const cancelled = await submit(t, a, 'afbud');
    expect(cancelled.headers.location).toBe(`/p/${a}?besked=afbud`);
    expect((await page(b)).text).toContain('Du er tilmeldt');
    expect((await page(c)).text).toContain('Du er på venteliste som nr. 1');

    const events = await t.dataSource
      .getRepository(RegistrationEvent)
      .find({ where: { cycleId: cycle.id }, order: { id: 'ASC' } });
    expect(events.map((e) => `${e.kind}:${e.actor}:${e.memberId}`)).toEqual([
      `invitation_issued:planner:${members[0].id}`,
      `invitation_issued:planner:${members[1].id}`,
      `invitation_issued:planner:${members[2].id}`,
      `registered:member:${members[0].id}`,
      `waitlisted:member:${members[1].id}`,
      `waitlisted:member:${members[2].id}`,
      `cancelled:member:${members[0].id}`,
      `promoted:system:${members[1].id}`,
    ]);
    const planView = await t
      .http()
      .get(`/api/cycles/${cycle.id}/participation`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(planView.body.counts).toMatchObject({
      registered: 1,
      waitlisted: 1,
      cancelled: 1,
      not_invited: 1,
    });
    expect(far.id).toBeGreaterThan(0);
  });

  it('lets a member move to another seminar and state needs and wishes', async () => {
    const { near, far, members } = await setUp(5, 1);
    const token = tokens.get(members[0].id)!;
    expect((await submit(t, token, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    const moved = await submit(t, token, 'skift', { seminarId: String(far.id) });
    expect(moved.headers.location).toBe(`/p/${token}?besked=skiftet`);
    const seats = await t.dataSource
      .getRepository(Registration)
      .find({ where: { memberId: members[0].id }, order: { id: 'ASC' } });
    expect(seats.map((s) => [s.seminarId, s.state])).toEqual([
      [near.id, 'cancelled'],
      [far.id, 'registered'],
    ]);

    expect(
      (
        await submit(t, token, 'oplysninger', {
          diet: 'Vegetar\nNøddeallergi',
          accessibility: 'Kørestol',
        })
      ).status,
    ).toBe(303);
    const member = await t.dataSource.getRepository(Member).findOneByOrFail({ id: members[0].id });
    expect([member.diet, member.accessibility]).toEqual(['Vegetar\nNøddeallergi', 'Kørestol']);
    // The form shows the lines as saved, with nothing added: saved again, the diet stays the same.
    expect((await page(token).expect(200)).text).toContain('rows="3">Vegetar\nNøddeallergi</textarea>');

    expect(
      (await submit(t, token, 'oensker', { rank1: String(near.id), excluded: [String(far.id)] })).status,
    ).toBe(303);
    const wishes = await t.dataSource
      .getRepository(MemberPreference)
      .find({ where: { memberId: members[0].id }, order: { id: 'ASC' } });
    expect(wishes.map((w) => [w.seminarId, w.rank, w.excluded])).toEqual([
      [near.id, 1, false],
      [far.id, null, true],
    ]);
    const planView = await t
      .http()
      .get(`/api/cycles/${members[0].cycleId}/preferences`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(planView.body).toEqual([
      { memberId: members[0].id, seminarId: near.id, rank: 1, excluded: false },
      { memberId: members[0].id, seminarId: far.id, rank: null, excluded: true },
    ]);
    const clash = await submit(t, token, 'oensker', { rank1: String(near.id), excluded: String(near.id) });
    expect(clash.status).toBe(400);
    expect(clash.text).toContain('Et seminar kan ikke både ønskes og fravælges');
  });

  it('shows a member without a seat their saved wishes, and that they declined', async () => {
    const { near, far, members } = await setUp(1, 2);
    const [holder, waiting] = members.map((m) => tokens.get(m.id)!);
    expect((await submit(t, holder, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    expect(
      (await submit(t, waiting, 'oensker', { rank1: String(near.id), excluded: [String(far.id)] })).status,
    ).toBe(303);
    const wished = (await page(waiting).expect(200)).text;
    const rank1 = wished.split('id="rank1"')[1].split('</select>')[0];
    expect(rank1).toContain(`<option value="${near.id}" selected>`);
    expect(wished).toContain(`id="excluded-${far.id}" name="excluded" value="${far.id}" checked>`);
    expect(wished).toContain('Du har ikke valgt et seminar endnu.');

    expect((await submit(t, waiting, 'kan-ikke-deltage', { reason: 'Byrådsmøde' })).status).toBe(303);
    const declined = (await page(waiting).expect(200)).text;
    expect(declined).toContain('Du har meldt, at du ikke kan deltage.');
    expect(declined).not.toContain('/kan-ikke-deltage">Jeg kan ikke deltage</a>');
    expect(declined.split('id="rank1"')[1].split('</select>')[0]).toContain(`<option value="${near.id}" selected>`);
  });

  it('refuses a member after the deadline, while the planner can still register them', async () => {
    const { near, members } = await setUp(5, 1);
    await t.dataSource
      .getRepository(Seminar)
      .update(near.id, { registrationDeadline: new Date(Date.now() - 60_000) });
    const token = tokens.get(members[0].id)!;
    const refused = await submit(t, token, 'tilmeld', { seminarId: String(near.id) });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Tilmeldingen til det seminar er lukket.');
    await expect(t.dataSource.getRepository(Registration).countBy({ memberId: members[0].id })).resolves.toBe(
      0,
    );
    await t
      .http()
      .post(`/api/seminars/${near.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .send({ memberId: members[0].id })
      .expect(201);
  });

  it('stops the old link when the planner re-issues one, and shows one neutral page for every bad link', async () => {
    const { cycle, wave, members } = await setUp(5, 2);
    const old = tokens.get(members[0].id)!;
    await page(old).expect(200);
    const reissued = await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations/${members[0].id}/reissue`)
      .auth(planner, { type: 'bearer' })
      .expect(201);
    expect(JSON.stringify(reissued.body)).not.toContain(old);
    const fresh = tokens.get(members[0].id)!;
    expect(fresh).not.toBe(old);
    await page(fresh).expect(200);
    const issued = await t.dataSource
      .getRepository(RegistrationEvent)
      .find({ where: { memberId: members[0].id, kind: 'invitation_issued' }, order: { id: 'ASC' } });
    expect(issued.map((e) => e.invitationId)).toEqual([expect.any(Number), reissued.body.invitationId]);
    const stored = await t.dataSource.getRepository(Invitation).findBy({ memberId: members[0].id });
    const everything = JSON.stringify([issued, stored]);
    expect(everything).not.toContain(fresh);
    expect(everything).not.toContain(old);
    expect(stored.map((i) => i.tokenHash)).toContain(hashPersonalToken(fresh));

    const replaced = await page(old).expect(404);
    const wrong = await page('x'.repeat(43)).expect(404);
    const garbage = await page('nonsense').expect(404);
    await t.dataSource
      .getRepository(Wave)
      .update(wave.id, { registrationClosesAt: new Date(Date.now() + 1000) });
    const expiredToken = tokens.get(members[1].id)!;
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = created_at WHERE member_id = ${members[1].id}`,
    );
    const expired = await page(expiredToken).expect(404);
    for (const res of [wrong, garbage, expired]) expect(res.text).toBe(replaced.text);
    expect(replaced.text).toContain('Linket virker ikke');
  });

  it('never shows or changes another member’s booking', async () => {
    const { near, far, members } = await setUp(5, 2);
    const [mine, theirs] = members.map((m) => tokens.get(m.id)!);
    expect((await submit(t, theirs, 'tilmeld', { seminarId: String(far.id) })).status).toBe(303);
    const theirSeat = await t.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ memberId: members[1].id });

    const myPage = await page(mine).expect(200);
    expect(myPage.text).not.toContain(members[1].name!);
    expect(myPage.text).toContain('Du har ikke valgt et seminar endnu');
    // A form from my page does not work on their link, and my cancel cannot reach their seat.
    const forged = await t.http().post(`/p/${theirs}/afbud`).type('form').send(csrfOf(myPage.text));
    expect(forged.status).toBe(403);
    const extra = await t
      .http()
      .post(`/p/${mine}/afbud`)
      .type('form')
      .send({ ...csrfOf(myPage.text), registrationId: String(theirSeat.id) });
    expect(extra.status).toBe(409);
    await expect(
      t.dataSource.getRepository(Registration).findOneByOrFail({ id: theirSeat.id }),
    ).resolves.toMatchObject({
      state: 'registered',
    });
    expect(near.id).toBeGreaterThan(0);
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    const { near, members } = await setUp(5, 1);
    const token = tokens.get(members[0].id)!;
    const res = await t
      .http()
      .post(`/p/${token}/tilmeld`)
      .type('form')
      .send({ seminarId: String(near.id) });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formularen er udløbet');
    await expect(t.dataSource.getRepository(Registration).countBy({ memberId: members[0].id })).resolves.toBe(
      0,
    );
  });

  it('limits wrong links from one address (429 after 20)', async () => {
    const fresh = await startTestApp();
    try {
      for (let i = 0; i < 20; i++)
        await fresh
          .http()
          .get(`/p/${'y'.repeat(43)}`)
          .expect(404);
      const blocked = await fresh.http().get(`/p/${'z'.repeat(43)}`);
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('For mange forsøg');
    } finally {
      await fresh.close();
    }
  });

  it('serves the stylesheet from the app', async () => {
    const css = await t.http().get('/assets/portal.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  it('shows at once a seat taken by the planner and a seminar or venue changed by staff', async () => {
    const { near, members } = await setUp(5, 2);
    const mine = tokens.get(members[0].id)!;
    expect((await page(mine).expect(200)).text).toContain('5 ledige pladser');
    await t
      .http()
      .post(`/api/seminars/${near.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .send({ memberId: members[1].id })
      .expect(201);
    expect((await page(mine).expect(200)).text).toContain('4 ledige pladser');
    const api = (path: string, body: object) =>
      t.http().patch(path).auth(planner, { type: 'bearer' }).send(body).expect(200);
    await api(`/api/seminars/${near.id}`, { title: 'Kattegat Kolding Fjord' });
    await api(`/api/venues/${near.venueId}`, { name: 'Kolding Fjordhotel' });
    const changed = (await page(mine).expect(200)).text;
    expect(changed).toContain('<h3>Kattegat Kolding Fjord</h3>');
    expect(changed).toContain('Kolding Fjordhotel');
  });

  it('shows a seat holder the seminar’s venue and its programme in time order', async () => {
    const { near, members } = await setUp(5, 1);
    const token = tokens.get(members[0].id)!;
    const at = (hours: number) => new Date(near.startsAt.getTime() + hours * 3_600_000);
    await t.dataSource.getRepository(AgendaItem).save([
      { seminarId: near.id, startsAt: at(3), title: 'Økonomi og budget', speaker: null },
      { seminarId: near.id, startsAt: at(1), title: 'Velkomst', speaker: 'Borgmesteren' },
    ]);
    expect((await submit(t, token, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    const shown = (await page(token).expect(200)).text;
    const current = shown.slice(shown.indexOf('<div class="card current">'), shown.indexOf('</details>'));
    expect(current).toContain('<h3>Kattegat Kolding</h3>');
    expect(current).toMatch(/<p>[^<]+, [^<]+, \d{4} Kolding<\/p>/);
    expect(current.match(/<li>.*<\/li>/g)).toEqual([
      expect.stringMatching(
        /^<li><span class="time">\w+ den .+ kl\. \d\d\.\d\d<\/span> Velkomst – Borgmesteren<\/li>$/,
      ),
      expect.stringMatching(/<\/span> Økonomi og budget<\/li>$/),
    ]);
  });

  it('gives each seminar card the one button that fits the member, naming the seminar for a screen reader', async () => {
    const { near, far, members } = await setUp(2, 3);
    const [a, b, c] = members.map((m) => tokens.get(m.id)!);
    await t.dataSource.getRepository(Seminar).update(far.id, { title: 'Skagen & "Grenen"' });
    const title = 'Skagen &amp; &quot;Grenen&quot;';
    const cards = async () => {
      const html = (await page(a).expect(200)).text;
      const of = (h3: string) =>
        html
          .split('<li class="card">')
          .slice(1)
          .find((li) => li.includes(`<h3>${h3}</h3>`)) ?? '';
      const buttons = (li: string) => li.match(/<div><button [^]*?<\/button><\/div>/g) ?? [];
      return { html, near: of('Kattegat Kolding'), far: of(title), buttons };
    };
    const button = (id: number, look: string, label: string, hidden: string, to = '') =>
      `<div><button type="submit" name="seminarId" value="${id}"${to && ` formaction="/p/${a}/${to}"`}` +
      ` class="button button-${look}">${label}<span class="visually-hidden">${hidden}</span></button></div>`;
    for (const other of [b, c])
      expect((await submit(t, other, 'tilmeld', { seminarId: String(far.id) })).status).toBe(303);

    let shown = await cards();
    expect(shown.buttons(shown.near)).toEqual([
      button(near.id, 'primary', 'Tilmeld mig', ' Kattegat Kolding'),
    ]);
    expect(shown.far).toContain('<p>Fuldt. Tilmelding senest ');
    // The wishes name it in each of the three lists and among those one cannot attend, escaped once.
    expect(shown.html.split(`<option value="${far.id}">${title} (`)).toHaveLength(4);
    expect(shown.html).toContain(`<label for="excluded-${far.id}">${title} (`);
    expect(shown.buttons(shown.far)).toEqual([
      button(far.id, 'secondary', 'Skriv mig på ventelisten', ` til ${title}`),
    ]);

    expect((await submit(t, c, 'afbud')).status).toBe(303);
    expect((await submit(t, a, 'tilmeld', { seminarId: String(near.id) })).status).toBe(303);
    shown = await cards();
    expect(shown.near).toContain('<p class="state">Det er dit seminar.</p>');
    expect(shown.near).toContain('<p>1 ledige pladser. Tilmelding senest ');
    expect(shown.buttons(shown.near)).toEqual([]);
    expect(shown.buttons(shown.far)).toEqual([
      button(far.id, 'secondary', 'Flyt min plads hertil', ` (${title})`, 'skift'),
    ]);

    expect((await submit(t, c, 'tilmeld', { seminarId: String(far.id) })).status).toBe(303);
    shown = await cards();
    expect(shown.buttons(shown.far)).toEqual([
      button(
        far.id,
        'secondary',
        'Skriv mig på ventelisten og behold min plads',
        ` (${title})`,
        'venteliste-skift',
      ),
    ]);

    expect((await submit(t, a, 'venteliste-skift', { seminarId: String(far.id) })).status).toBe(303);
    shown = await cards();
    expect(shown.far).toContain('<p class="state">Du står på ventelisten.</p>');
    expect(shown.buttons(shown.far)).toEqual([]);
  });

  it('lists a seminar of a wave not open yet under later, and among those to choose once the wave opens', async () => {
    const { cycle, members } = await setUp(5, 1);
    const token = tokens.get(members[0].id)!;
    const soon = await createWave(t.dataSource, cycle.id, {
      name: 'Periode 2',
      registrationOpensAt: new Date(Date.now() + 3_600_000),
    });
    await createSeminar(
      t.dataSource,
      soon,
      await createVenue(t.dataSource, { name: 'Hotel <Hvide>', town: 'Aalborg' }),
      {
        capacity: 5,
        title: 'Kattegat Aalborg',
      },
    );
    const sections = async () => {
      const html = (await page(token).expect(200)).text;
      const at = html.indexOf('id="later-heading"');
      return { now: html.slice(0, at < 0 ? undefined : at), later: at < 0 ? '' : html.slice(at) };
    };
    let shown = await sections();
    expect(shown.later).toMatch(
      /<h3>Kattegat Aalborg<\/h3>[^]*<p>Hotel &lt;Hvide&gt;, Aalborg<\/p>[^]*<p>Tilmeldingen åbner \w+ den /,
    );
    expect(shown.now).not.toContain('<h3>Kattegat Aalborg</h3>');
    await t.dataSource
      .getRepository(Wave)
      .update(soon.id, { registrationOpensAt: new Date(Date.now() - 1000) });
    shown = await sections();
    expect(shown.later).toBe('');
    expect(shown.now).toContain('<h3>Kattegat Aalborg</h3>');
  });

  it('escapes everything it shows', async () => {
    const { members } = await setUp(5, 1);
    await t.dataSource.getRepository(Member).update(members[0].id, { name: '<script>alert(1)</script> Ærø' });
    const res = await page(tokens.get(members[0].id)!).expect(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ærø');
  });

  // SQLite only: PostgreSQL's driver keeps no prepared statements for unnamed queries.
  (process.env.DATABASE_URL ? it.skip : it)(
    'prepares the statements of a personal page once, whichever member opens it',
    async () => {
      const { members } = await setUp(5, 8);
      const [first, ...others] = members;
      await page(tokens.get(first.id)!).expect(200);
      await page(tokens.get(first.id)!).expect(200);
      const prepare = jest.spyOn(Database.prototype, 'prepare');
      try {
        // Each member's first view also marks the link as opened.
        for (const member of others) await page(tokens.get(member.id)!).expect(200);
        const prepared = prepare.mock.calls.map(([sql]) => sql.replace(/\s+/g, ' '));
        // The dispatcher may write out mails meanwhile; those statements are not the page's.
        expect(prepared.filter((sql) => !sql.includes('outbox_messages'))).toEqual([]);
      } finally {
        prepare.mockRestore();
      }
    },
  );
});
