import { CyclesService } from '../src/cycles/cycles.service';
import { Invitation } from '../src/invitations/invitation.entity';
import { InvitationJob } from '../src/invitations/invitation-job.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { recordAttendance, seminarWithParticipants } from './factories/evaluations.factory';
import { createWave } from './factories/planning.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { startTestApp, TestApp } from './helpers/test-app';
import { waitUntil } from './helpers/wait';

// One request per console page and form for two roles: more pages than a minute holds on a busy machine.
jest.setTimeout(240_000);

/** Invitationer and Deltagelse over HTTP: who may open them, and bad input that changes nothing. */
describe('Console: invitations and the participation board', () => {
  let t: TestApp;
  let cycleId: number;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    cycleId = (await createCycle(t.dataSource)).id;
    await createWave(t.dataSource, cycleId);
    await createMembers(t.dataSource, cycleId, 3);
    base = `/valgperioder/${cycleId}`;
  });
  afterAll(() => t.close());

  const jobs = () => t.dataSource.getRepository(InvitationJob).count();
  const mails = () => t.dataSource.getRepository(OutboxMessage).count();

  it('a municipal contact and KL get 403 on every page and form; the menu leads planners in', async () => {
    for (const role of ['municipality', 'kl'] as const) {
      const agent = await signedIn(t, role);
      for (const path of ['invitationer', 'invitationer/ny', 'deltagelse', 'deltagelse/paamind'])
        await agent.get(`${base}/${path}`).expect(403);
    }
    const planner = await signedIn(t, 'planner');
    const overview = await planner.get('/oversigt').expect(200);
    expect(overview.text).toContain('href="/invitationer"');
    expect(overview.text).toContain('href="/deltagelse"');
    await planner.get('/deltagelse').expect(303).expect('Location', `${base}/deltagelse`);
  });

  it("shows the board of the cycle in its address, that cycle in the bar, its cycle read once; an unknown cycle's is the 404 page", async () => {
    const other = await createCycle(t.dataSource);
    const planner = await signedIn(t, 'planner');
    const get = jest.spyOn(t.app.get(CyclesService), 'get');
    try {
      const page = await planner.get(`/valgperioder/${other.id}/deltagelse`).expect(200);
      expect(textOf(page.text)).toContain(`Deltagelse i ${other.code}`);
      expect(page.text).toMatch(new RegExp(`<option value="${other.id}"[^>]*selected`));
      expect(get).not.toHaveBeenCalled();
    } finally {
      get.mockRestore();
    }
    const missing = await planner.get('/valgperioder/987654/deltagelse').expect(404);
    expect(textOf(missing.text)).toContain('Valgperioden findes ikke.');
  });

  it('a municipality that is not a number gets the Danish error page, and no job starts', async () => {
    const planner = await signedIn(t, 'planner');
    const refused = await postForm(
      planner,
      `${base}/invitationer/ny`,
      `${base}/invitationer`,
      { kommune: 'Odense' },
      400,
    );
    expect(textOf(refused.text)).toContain('Nogle af oplysningerne er ikke udfyldt rigtigt.');
    await planner.get(`${base}/invitationer/ny`).query({ kommune: 'Odense' }).expect(400);
    expect(await jobs()).toBe(0);
  });

  it('an unknown job is a Danish 404; with nobody invited the reminder page has no one to remind', async () => {
    const planner = await signedIn(t, 'planner');
    const missing = await planner
      .get(`${base}/invitationer/job/00000000-0000-0000-0000-000000000000`)
      .expect(404);
    expect(textOf(missing.text)).toContain('findes ikke');
    for (const page of ['deltagelse', 'deltagelse/paamind', 'medlemmer'])
      expect(textOf((await planner.get(`/valgperioder/999999/${page}`).expect(404)).text)).toContain(
        'findes ikke',
      );
    const confirm = await planner.get(`${base}/deltagelse/paamind`).expect(200);
    expect(textOf(confirm.text)).toContain('Der er ingen at påminde');
    const before = await mails();
    const sent = await postForm(planner, `${base}/deltagelse/paamind`, `${base}/deltagelse/paamind`, {}, 303);
    expect(sent.headers.location).toBe(`${base}/deltagelse?sendt=0`);
    expect(await mails()).toBe(before);
  });
  it('invites one region from the page, and the board by region counts it apart; attended and no-shows counted', async () => {
    const token = await t.tokenFor('planner');
    // Two from Odense (Region Syddanmark) at a seminar held already: one came, one did not.
    const held = await seminarWithParticipants(t, token, 2, { title: 'Kattegat Nyborg' });
    await recordAttendance(t, token, held.seminar.id, [
      { registrationId: held.seats[0], attended: true },
      { registrationId: held.seats[1], attended: false },
    ]);
    const north = [
      ...(await createMembers(t.dataSource, held.cycleId, 2, { municipalityCode: 851 })),
      ...(await createMembers(t.dataSource, held.cycleId, 1, { municipalityCode: 860 })),
    ];
    const here = `/valgperioder/${held.cycleId}`;
    const planner = await signedIn(t, 'planner');
    expect((await planner.get(`${here}/invitationer`).expect(200)).text).toContain(
      '<option value="1081">Region Nordjylland</option>',
    );
    // As the page's form sends it: no municipality, one region.
    const ask = `${here}/invitationer/ny?kommune=&region=1081`;
    expect(textOf((await planner.get(ask).expect(200)).text)).toContain(
      'Inviterer 3 nyvalgte i Region Nordjylland',
    );
    const started = await postForm(
      planner,
      ask,
      `${here}/invitationer`,
      { kommune: '', region: '1081' },
      303,
    );
    await waitUntil(
      async () =>
        textOf((await planner.get(started.headers.location).expect(200)).text).includes(
          'Færdig: 3 nyvalgte er inviteret.',
        ) || null,
      { timeoutMs: 60_000, what: 'the invitation job to finish' },
    );
    const invited = await t.dataSource
      .getRepository(Invitation)
      .findBy({ cycleId: held.cycleId, purpose: 'invitation' });
    expect(invited.map((i) => i.memberId).sort()).toEqual(north.map((m) => m.id).sort());

    const board = async (query: string) =>
      textOf((await planner.get(`${here}/deltagelse${query}`).expect(200)).text);
    const nordjylland = await board('?region=1081');
    expect(nordjylland).toContain('Inviteret 3 – vis dem');
    expect(nordjylland).toContain('Ikke svaret 3 – vis dem');
    expect(nordjylland).toContain('Deltog 0 – vis dem');
    const syddanmark = await board('?region=1083');
    expect(syddanmark).toContain('Inviteret 0 – vis dem');
    expect(syddanmark).toContain('Deltog 1 – vis dem');
    expect(syddanmark).toContain('Udeblev 1 – vis dem');
    // The filter keeps the area chosen: that municipality selected, no region.
    const odense = (await planner.get(`${here}/deltagelse?kommune=461`).expect(200)).text;
    const select = (id: string) =>
      new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(odense)![1];
    expect(select('kommune')).toMatch(/^<option value="">Alle<\/option>/);
    expect(select('kommune').match(/<option value="\d+" selected>[^<]+/g)).toEqual([
      '<option value="461" selected>Odense',
    ]);
    expect(select('region')).not.toContain('selected');
    const all = await board('');
    expect(all).toContain('Inviteret 3 – vis dem');
    expect(all).toContain('Deltog 1 – vis dem');
    expect(all).toContain('Udeblev 1 – vis dem');
    const came = textOf(
      (await planner.get(`${here}/medlemmer?region=1083&status=attended`).expect(200)).text,
    );
    expect(came).toContain(held.members[0].name!);
    expect(came).not.toContain(held.members[1].name!);
  });
});
