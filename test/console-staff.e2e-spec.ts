import { generate } from 'otplib';
import request from 'supertest';
import { TwoFactorService } from '../src/auth/two-factor.service';
import { AuditEntry } from '../src/cycles/gdpr/audit-entry.entity';
import { StaffUser } from '../src/auth/staff-user.entity';
import { postForm, signedIn, staffAccount, STAFF_PASSWORD, textOf } from './helpers/console';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

// Every sign-in runs scrypt; on a busy 2-core machine a test with five of them needs the time.
jest.setTimeout(180_000);

/** Signs in through the form with a given password; the agent, and the status the form answered. */
async function signInWith(t: TestApp, email: string, password: string) {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/log-ind').expect(200);
  const res = await agent
    .post('/log-ind')
    .type('form')
    .send({ ...csrfOf(form.text), email, password });
  return { agent, status: res.status };
}

describe('Console: Personale', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  const users = () => t.dataSource.getRepository(StaffUser);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t, 'admin');
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    for (const role of ['planner', 'kl', 'municipality'] as const) {
      const agent = await signedIn(t, role);
      await agent.get('/personale').expect(403);
      await agent.get('/personale/1').expect(403);
    }
    await request(t.app.getHttpServer())
      .get('/personale')
      .expect(303)
      .expect('Location', /\/log-ind/);
  });

  it('lists the accounts with role, municipality, state, second factor and last sign-in', async () => {
    await staffAccount(t, 'municipality', 461);
    const page = textOf((await admin.get('/personale').expect(200)).text);
    expect(page).toContain('Navn E-mail Rolle Kommune Konto Totrin Seneste login');
    expect(page).toMatch(
      /Test municipality konsol-municipality-\d+@test\.kattegat\.dk Kommunal kontaktperson Odense Aktiv Fra Aldrig/,
    );
    expect(page).toMatch(
      /Test admin konsol-admin-\d+@test\.kattegat\.dk Administrator Aktiv Fra (?:man|tirs|ons|tors|fre|lør|søn)dag den \d+\. \w+ \d{4} kl\. \d\d\.\d\d/,
    );
  });

  it('offers the municipalities in Danish order: Ærø, then Aabenraa, Aalborg and Aarhus last', async () => {
    const page = (await admin.get('/personale').expect(200)).text;
    const select = /<select[^>]*name="municipalityCode"[^>]*>([\s\S]*?)<\/select>/.exec(page)![1];
    const labels = [...select.matchAll(/<option value="\d+"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(90);
    expect(labels.slice(0, 2)).toEqual(['Albertslund', 'Allerød']);
    expect(labels.slice(-4)).toEqual(['Ærø', 'Aabenraa', 'Aalborg', 'Aarhus']);
  });

  it('refuses a bad new account in Danish and keeps what was typed', async () => {
    const bad = { name: '', email: 'ikke-en-adresse', role: 'planner', municipalityCode: '' };
    const refused = await postForm(admin, '/personale', '/personale', bad, 400);
    expect(refused.text).toContain('<a href="#name">');
    expect(refused.text).toContain('value="ikke-en-adresse"');
    const noMunicipality = {
      name: 'Sekretariatet',
      email: 'sek@odense.dk',
      role: 'municipality',
      municipalityCode: '',
    };
    const refused2 = textOf((await postForm(admin, '/personale', '/personale', noMunicipality, 400)).text);
    expect(refused2).toContain('En kommunal kontaktperson skal knyttes til en kommune.');
    const planner = { name: 'Pia', email: 'pia@kl.dk', role: 'planner', municipalityCode: '461' };
    const refused3 = textOf((await postForm(admin, '/personale', '/personale', planner, 400)).text);
    expect(refused3).toContain('Kun en kommunal kontaktperson er knyttet til en kommune.');
    const unknownRole = { name: 'Pia', email: 'pia@kl.dk', role: 'superbruger', municipalityCode: '' };
    await postForm(admin, '/personale', '/personale', unknownRole, 400);
    expect(await users().findOneBy({ email: 'pia@kl.dk' })).toBeNull();
    expect(await users().findOneBy({ email: 'sek@odense.dk' })).toBeNull();
  });

  it('creates an account with a password shown once, which signs in', async () => {
    const fields = {
      name: 'Sekretariatet',
      email: 'sek@odense.dk',
      role: 'municipality',
      municipalityCode: '461',
    };
    const created = await postForm(admin, '/personale', '/personale', fields, 200);
    const password = /id="temporary-password">([^<]+)</.exec(created.text)![1];
    expect(password).toHaveLength(24);
    expect(await users().findOneBy({ email: 'sek@odense.dk' })).toMatchObject({
      role: 'municipality',
      municipalityCode: 461,
    });
    expect((await signInWith(t, 'sek@odense.dk', password)).status).toBe(303);
    const id = (await users().findOneByOrFail({ email: 'sek@odense.dk' })).id;
    expect(
      await admin
        .get(`/personale/${id}`)
        .expect(200)
        .then((r) => r.text),
    ).not.toContain(password);
  });

  it('disables and enables an account, ending its sessions at once, and audits it', async () => {
    const email = await staffAccount(t, 'planner');
    const { agent: planner } = await signInWith(t, email, STAFF_PASSWORD);
    await planner.get('/oversigt').expect(200);
    const id = (await users().findOneByOrFail({ email })).id;
    const account = textOf((await admin.get(`/personale/${id}`).expect(200)).text);
    expect(account).toContain('Enhed Slags Logget ind Sidst set Handling ukendt Konsol');

    await postForm(admin, `/personale/${id}`, `/personale/${id}/luk`, {}, 303);
    await planner
      .get('/oversigt')
      .expect(303)
      .expect('Location', /\/log-ind/);
    expect((await signInWith(t, email, STAFF_PASSWORD)).status).not.toBe(303);
    const closed = textOf((await admin.get(`/personale/${id}?besked=luk`).expect(200)).text);
    expect(closed).toContain('Kontoen er lukket, og alle dens sessioner er afsluttet.');
    expect(closed).toContain('Kontoen har ingen sessioner, der virker.');

    await postForm(admin, `/personale/${id}`, `/personale/${id}/genaabn`, {}, 303);
    expect((await signInWith(t, email, STAFF_PASSWORD)).status).toBe(303);
    const audit = await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    expect(audit.filter((e) => e.details?.staffUserId === id).map((e) => e.action)).toEqual([
      'staff.create',
      'staff.disable',
      'staff.enable',
    ]);
    expect(textOf((await admin.get(`/personale/${id}`).expect(200)).text)).toMatch(
      /Åbnet igen Test admin .* Lukket Test admin .* Oprettet kommandolinjen/,
    );
  });

  it('changes a role, resets a password, and ends one session or all', async () => {
    const email = await staffAccount(t, 'kl');
    const id = (await users().findOneByOrFail({ email })).id;
    const first = await signInWith(t, email, STAFF_PASSWORD);
    const second = await signInWith(t, email, STAFF_PASSWORD);
    const sessions = await t.dataSource.query(
      `SELECT id FROM staff_sessions WHERE staff_user_id = ${id} ORDER BY created_at`,
    );
    await postForm(admin, `/personale/${id}`, `/personale/${id}/sessioner/${sessions[0].id}`, {}, 303);
    await first.agent.get('/statistik').expect(303);
    await second.agent.get('/statistik').expect(200);
    await postForm(admin, `/personale/${id}`, `/personale/${id}/sessioner`, {}, 303);
    await second.agent.get('/statistik').expect(303);

    await postForm(
      admin,
      `/personale/${id}`,
      `/personale/${id}/rolle`,
      { role: 'municipality', municipalityCode: '' },
      400,
    );
    await postForm(
      admin,
      `/personale/${id}`,
      `/personale/${id}/rolle`,
      { role: 'planner', municipalityCode: '' },
      303,
    );
    expect(await users().findOneByOrFail({ id })).toMatchObject({ role: 'planner' });

    const reset = await postForm(admin, `/personale/${id}`, `/personale/${id}/adgangskode`, {}, 200);
    const password = /id="temporary-password">([^<]+)</.exec(reset.text)![1];
    expect((await signInWith(t, email, STAFF_PASSWORD)).status).not.toBe(303);
    expect((await signInWith(t, email, password)).status).toBe(303);
  });

  it('resets a lost second factor: off, recovery codes gone, sessions ended', async () => {
    const email = await staffAccount(t, 'planner');
    const id = (await users().findOneByOrFail({ email })).id;
    const { agent } = await signInWith(t, email, STAFF_PASSWORD);
    const twoFactor = t.app.get(TwoFactorService);
    const { secret } = await twoFactor.enrolment(id);
    await twoFactor.confirm(id, await generate({ secret }));
    await agent.get('/oversigt').expect(200);
    const before = textOf((await admin.get(`/personale/${id}`).expect(200)).text);
    expect(before).toContain('Totrinsbekræftelse Til');
    await postForm(admin, `/personale/${id}`, `/personale/${id}/totrin`, {}, 303);
    expect(textOf((await admin.get(`/personale/${id}?besked=totrin`).expect(200)).text)).toContain(
      'Totrinsbekræftelsen er nulstillet. Personen sætter den op igen ved næste login.',
    );
    await expect(twoFactor.isOn(id)).resolves.toBe(false);
    await expect(twoFactor.unusedRecoveryCodes(id)).resolves.toBe(0);
    await agent.get('/oversigt').expect(303);
  });

  it('refuses to disable or demote the last active admin', async () => {
    const admins = await users().findBy({ role: 'admin' });
    expect(admins).toHaveLength(1);
    const id = admins[0].id;
    const demoted = await postForm(
      admin,
      `/personale/${id}`,
      `/personale/${id}/rolle`,
      { role: 'planner', municipalityCode: '' },
      409,
    );
    expect(textOf(demoted.text)).toContain('Kontoen er den sidste aktive administrator.');
    await postForm(admin, `/personale/${id}`, `/personale/${id}/luk`, {}, 409);
    expect(await users().findOneByOrFail({ id })).toMatchObject({ role: 'admin', disabledAt: null });
    await admin.get('/personale').expect(200);
    await admin.get('/personale/999999').expect(404);
    await postForm(admin, `/personale/${id}`, `/personale/${id}/toString`, {}, 404);
  });
});
