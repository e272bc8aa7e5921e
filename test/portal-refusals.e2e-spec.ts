import { danishInputText, danishText, ErrorCode } from '../src/common/danish-messages';
import { Member } from '../src/cycles/member.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { captureIssuedLinks, inviteAndWait, submit } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

/** As Handlebars writes a value into a page. */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;');

/**
 * The member's page words each refusal of the services in the catalogue's Danish, found by the
 * error's code: the services' own refusals, reached as a member reaches them.
 */
describe('Refusals on the personal page', () => {
  let t: TestApp;
  let planner: string;
  let tokens: Map<number, string>;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    tokens = captureIssuedLinks(t);
  });
  afterAll(() => t.close());

  async function invitedMember(capacity = 5) {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const kolding = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity });
    const skagen = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, { town: 'Skagen' }),
      {
        capacity: 1,
      },
    );
    const [member, other] = await createMembers(t.dataSource, cycle.id, 2);
    await inviteAndWait(t.http, cycle.id, planner);
    return { kolding, skagen, token: tokens.get(member.id)!, otherToken: tokens.get(other.id)!, member };
  }

  const choose = (token: string, action: string, seminarId: number) =>
    submit(t, token, action, { seminarId: String(seminarId) });

  const expectRefusal = (res: { status: number; text: string }, status: number, code: ErrorCode) => {
    expect(res.status).toBe(status);
    expect(res.text).toContain(
      `<div class="alert alert-error" role="alert"><p class="alert-text">${html(danishText(code))}</p></div>`,
    );
  };

  it('after the deadline, with a seat already, and with no seat to give up', async () => {
    const { kolding, skagen, token } = await invitedMember();
    await t.dataSource
      .getRepository(Seminar)
      .update(skagen.id, { registrationDeadline: new Date(Date.now() - 60_000) });
    expectRefusal(await choose(token, 'tilmeld', skagen.id), 409, 'seat.registration_closed');
    expectRefusal(await submit(t, token, 'afbud'), 409, 'seat.none_to_cancel');
    expectRefusal(await choose(token, 'skift', kolding.id), 409, 'seat.none_to_move');

    expect((await choose(token, 'tilmeld', kolding.id)).status).toBe(303);
    expectRefusal(await choose(token, 'tilmeld', kolding.id), 409, 'seat.already_at_seminar');
    expectRefusal(await choose(token, 'skift', kolding.id), 409, 'seat.move_to_same_seminar');
    expectRefusal(await choose(token, 'skift', 999999), 404, 'seminar.not_found');
  });

  it('moving to a full seminar, and a seat at another seminar of the cycle', async () => {
    const { kolding, skagen, token, otherToken } = await invitedMember();
    expect((await choose(otherToken, 'tilmeld', skagen.id)).status).toBe(303);
    expect((await choose(token, 'tilmeld', kolding.id)).status).toBe(303);
    expectRefusal(await choose(token, 'skift', skagen.id), 409, 'seat.seminar_full');
    expectRefusal(await choose(token, 'tilmeld', skagen.id), 409, 'seat.already_in_cycle');
  });

  it('wishes that contradict each other, and a text that is too long', async () => {
    const { kolding, skagen, token, member } = await invitedMember();
    const twice = await submit(t, token, 'oensker', { rank1: String(kolding.id), rank2: String(kolding.id) });
    expectRefusal(twice, 400, 'preferences.same_seminar_twice');
    const both = await submit(t, token, 'oensker', { rank1: String(skagen.id), excluded: String(skagen.id) });
    expectRefusal(both, 400, 'preferences.wished_and_excluded');

    const long = await submit(t, token, 'oplysninger', { diet: 'x'.repeat(501), accessibility: '' });
    expect(long.status).toBe(400);
    expect(long.text).toContain(danishInputText('maxLength', [500]));
    const stored = await t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
    expect(stored.diet).toBeNull();
  });

  it('gives the API the stable code beside the English message', async () => {
    const res = await t.http().get('/api/municipalities/999').auth(planner, { type: 'bearer' }).expect(404);
    expect(res.body).toMatchObject({ error: 'not_found', code: 'municipality.not_found' });
    const invalid = await t.http().post('/api/cycles').auth(planner, { type: 'bearer' }).send({}).expect(400);
    expect(invalid.body).toMatchObject({ error: 'validation_failed', code: 'request.invalid' });
    const unknown = await t.http().get('/api/no-such-route').auth(planner, { type: 'bearer' }).expect(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', code: 'request.not_found' });
  });
});
