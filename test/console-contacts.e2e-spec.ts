import request from 'supertest';
import { IsNull } from 'typeorm';
import { StaffUser } from '../src/auth/staff-user.entity';
import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationsService } from '../src/invitations/invitations.service';
import { consoleRegister, Register } from './factories/console-register';
import { postForm, signedIn, STAFF_PASSWORD, textOf } from './helpers/console';
import { captureIssuedLinks, csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Console: municipal contacts and Min kommune', () => {
  let t: TestApp;
  let r: Register;

  beforeAll(async () => {
    t = await startTestApp();
    r = await consoleRegister(t, 2);
  });
  afterAll(() => t.close());

  it('lets an admin create a contact bound to a municipality, refusing a bad form in Danish', async () => {
    const admin = await signedIn(t, 'admin');
    const fields = {
      name: 'Sekretariatet',
      email: 'sekretariat@odense.dk',
      municipalityCode: '461',
      password: 'kort',
    };
    const refused = await postForm(admin, '/kontaktpersoner', '/kontaktpersoner', fields, 400);
    expect(refused.text).toContain('<a href="#password">Første adgangskode: Skal være mindst 12 tegn.</a>');
    expect(refused.text).toContain('value="sekretariat@odense.dk"');
    expect(refused.text).not.toContain('value="kort"');
    expect(
      await t.dataSource.getRepository(StaffUser).findOneBy({ email: 'sekretariat@odense.dk' }),
    ).toBeNull();

    const created = await postForm(
      admin,
      '/kontaktpersoner',
      '/kontaktpersoner',
      { ...fields, password: STAFF_PASSWORD },
      303,
    );
    expect(
      await t.dataSource.getRepository(StaffUser).findOneBy({ email: 'sekretariat@odense.dk' }),
    ).toMatchObject({
      role: 'municipality',
      municipalityCode: 461,
    });
    expect(textOf((await admin.get(created.headers.location).expect(200)).text)).toContain(
      'Odense Sekretariatet sekretariat@odense.dk Aktiv',
    );
    await (await signedIn(t, 'planner')).get('/kontaktpersoner').expect(403);
  });

  it('lists the contacts by municipality, then by name, in Danish order (Ærø and Aabenraa after Odense)', async () => {
    const admin = await signedIn(t, 'admin');
    for (const [name, email, municipalityCode] of [
      ['Aage Holm', 'aage@aabenraa.dk', '580'],
      ['Bo Holm', 'bo@aeroe.dk', '492'],
      ['Aage Holm', 'aage@odense.dk', '461'],
      ['Bo Holm', 'bo@odense.dk', '461'],
    ])
      await postForm(
        admin,
        '/kontaktpersoner',
        '/kontaktpersoner',
        { name, email, municipalityCode, password: STAFF_PASSWORD },
        303,
      );
    expect(textOf((await admin.get('/kontaktpersoner').expect(200)).text)).toMatch(
      /Odense Bo Holm .*Odense Aage Holm .*Ærø Bo Holm .*Aabenraa Aage Holm/,
    );
  });

  it("shows the contact its own members' funnel, with the link opened once the member has opened it", async () => {
    const links = captureIssuedLinks(t);
    const staffId = (
      await t.dataSource.getRepository(StaffUser).findOneByOrFail({ email: 'sekretariat@odense.dk' })
    ).id;
    await t.app.get(InvitationsService).reissue(r.cycle.id, r.soeren.id, staffId);
    await t.app.get(InvitationsService).reissue(r.cycle.id, r.aarhus.id, staffId);
    await t
      .http()
      .get(`/p/${links.get(r.soeren.id)}`)
      .expect(200);
    expect(
      (
        await t.dataSource
          .getRepository(Invitation)
          .findOneByOrFail({ memberId: r.soeren.id, revokedAt: IsNull() })
      ).openedAt,
    ).not.toBeNull();

    const contact = request.agent(t.app.getHttpServer());
    const form = await contact.get('/log-ind').expect(200);
    await contact
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email: 'sekretariat@odense.dk', password: STAFF_PASSWORD })
      .expect(303);
    await contact.get('/log-ind').expect(303).expect('Location', '/min-kommune');
    const page = textOf((await contact.get('/min-kommune').expect(200)).text);
    expect(page).toContain('Min kommune: Odense');
    expect(page).toContain(
      'Søren Ærø Østergård soeren@odense.dk ✓ Inviteret : ja ✓ Åbnede linket : ja Tilmeldt : endnu ikke Deltog : endnu ikke Evaluerede : endnu ikke',
    );
    expect(page).toContain('Åse Ågård aase@odense.dk Inviteret : endnu ikke Åbnede linket : endnu ikke');
    expect(page).not.toContain('Århusianer');
    expect(page).toContain('Inviteret 1 Åbnede linket 1 Tilmeldt 0');
    await contact.get('/oversigt').expect(403);
    await contact.get('/statistik').expect(403);
    await contact.get(`/valgperioder/${r.cycle.id}/medlemmer/${r.aarhus.id}`).expect(403);
  });
});
