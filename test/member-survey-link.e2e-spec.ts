import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { EvaluationResponse } from '../src/evaluations/evaluation-response.entity';
import { ResponseRelease } from '../src/evaluations/response-release';
import { hashPersonalToken } from '../src/invitations/personal-token';
import { PersonalLinks } from '../src/invitations/personal-links';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
  startEvaluatingApp,
} from './factories/evaluations.factory';
import { textOf } from './helpers/console';
import { TestApp } from './helpers/test-app';

/** Issue 17 point 4: after the seminar, the personal page leads to the member's evaluation. */
describe('The evaluation from the personal page', () => {
  let t: TestApp;
  let planner: string;
  let delivery: RecordingEvaluationDelivery;

  beforeAll(async () => ({ t, delivery, planner } = await startEvaluatingApp()));
  afterAll(() => t.close());

  /**
   * A seminar with three seats: attended, no-show, and one left as it was; each member's page
   * token, as the seat e-mails carry it (the invitation's expired when registration closed).
   */
  async function heldSeminar(endedHoursAgo: number) {
    const held = await seminarWithParticipants(t, planner, 3, { endedHoursAgo, title: 'Kattegat Nyborg' });
    await recordAttendance(t, planner, held.seminar.id, [
      { registrationId: held.seats[0], attended: true },
      { registrationId: held.seats[1], attended: false },
    ]);
    const urls = await t.dataSource.transaction((m) =>
      t.app.get(PersonalLinks).mintLinks(
        m,
        held.members.map((member) => member.id),
      ),
    );
    return { ...held, pages: held.members.map((m) => urls.get(m.id)!.split('/').pop()!) };
  }
  const requestOf = (memberId: number) =>
    t.dataSource.getRepository(EvaluationRequest).findOneBy({ memberId });

  it('opens the survey with a fresh link, beside the seminar’s materials; answered, the page and the route say thank you', async () => {
    const { seminar, members, pages } = await heldSeminar(2);
    const slides = await t
      .http()
      .post(`/api/seminars/${seminar.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({
        title: 'Slides fra Nyborg',
        url: 'https://www.kl.dk/nyborg',
        availableFrom: new Date().toISOString(),
      })
      .expect(201);
    const html = (await t.http().get(`/p/${pages[0]}`).expect(200)).text;
    const page = textOf(html);
    expect(page).toContain('Du deltog Kattegat Nyborg');
    // After attending, the seminar's materials stay on the page.
    expect(page).toContain('Materialer');
    expect(page).toContain('Slides fra Nyborg');
    expect(html).toContain(`/p/${pages[0]}/materialer/${slides.body.id}`);
    await t
      .http()
      .get(`/p/${pages[0]}/materialer/${slides.body.id}`)
      .expect(303)
      .expect('Location', 'https://www.kl.dk/nyborg');
    expect(page).toMatch(
      /Evaluering Fortæl os, hvordan seminaret var\. Dine svar er anonyme\. Evalueringen er åben til (?:man|tirs|ons|tors|fre|lør|søn)dag den/,
    );
    expect(page).toContain('Besvar evalueringen');
    expect(page).not.toContain('Seminarer med ledige pladser');

    const opened = await t.http().get(`/p/${pages[0]}/evaluering`).expect(303);
    const surveyToken = /^\/evaluering\/([^/]+)$/.exec(opened.headers.location)![1];
    const request = await requestOf(members[0].id);
    expect(request!.pageTokenHash).toBe(hashPersonalToken(surveyToken));
    expect(JSON.stringify(request)).not.toContain(surveyToken);
    // A second visit gives another link; the e-mailed one keeps working beside it.
    const again = await t.http().get(`/p/${pages[0]}/evaluering`).expect(303);
    expect(again.headers.location).not.toBe(opened.headers.location);
    await t.http().get(opened.headers.location).expect(404);
    await t
      .http()
      .get(`/evaluering/${delivery.tokenOf(members[0].id, seminar.id)}`)
      .expect(200);

    const answered = await answerSurvey(
      t,
      again.headers.location.split('/').pop()!,
      defaultAnswers(5, 9, 'Mødet med de andre'),
    );
    expect(answered.status).toBe(303);
    await t.app.get(ResponseRelease).release(seminar.id);
    const responses = await t.dataSource.getRepository(EvaluationResponse).findBy({ seminarId: seminar.id });
    expect(responses).toHaveLength(1);
    expect(Object.keys(responses[0]).sort()).toEqual(
      ['answeredOn', 'answers', 'id', 'questionnaireVersionId', 'seminarId'].sort(),
    );

    expect(textOf((await t.http().get(`/p/${pages[0]}`).expect(200)).text)).toContain(
      'Evaluering Tak, du har svaret på evalueringen.',
    );
    expect(textOf((await t.http().get(`/p/${pages[0]}/evaluering`).expect(200)).text)).toContain(
      'Tak, du har svaret på evalueringen.',
    );
    await t
      .http()
      .get(`/evaluering/${delivery.tokenOf(members[0].id, seminar.id)}`)
      .expect(410);
  });

  it('leads only those who attended there', async () => {
    const { pages } = await heldSeminar(2);
    for (const token of pages.slice(1)) {
      expect(textOf((await t.http().get(`/p/${token}`).expect(200)).text)).not.toContain(
        'Besvar evalueringen',
      );
      await t.http().get(`/p/${token}/evaluering`).expect(303).expect('Location', `/p/${token}`);
    }
    await t.http().get('/p/ikke-et-link/evaluering').expect(404);
  });

  it('says when the survey opens while the seminar runs, and that it closed after the survey period', async () => {
    const running = await heldSeminar(-3);
    const opens =
      /Evalueringen åbner, når seminaret slutter (?:man|tirs|ons|tors|fre|lør|søn)dag den \d+\. \w+ \d{4} kl\. \d\d\.\d\d\./;
    expect(textOf((await t.http().get(`/p/${running.pages[0]}`).expect(200)).text)).toMatch(opens);
    expect(textOf((await t.http().get(`/p/${running.pages[0]}/evaluering`).expect(200)).text)).toMatch(opens);
    expect(await requestOf(running.members[0].id)).toBeNull();

    const old = await heldSeminar(25 * 24);
    expect(await requestOf(old.members[0].id)).toBeNull();
    expect(textOf((await t.http().get(`/p/${old.pages[0]}/evaluering`).expect(200)).text)).toContain(
      'Evalueringen er lukket.',
    );
  });

  it('asks a member who comes before the sweep did, as the sweep would', async () => {
    const { seminar, members, pages } = await heldSeminar(2);
    await t.dataSource.getRepository(EvaluationRequest).delete({ memberId: members[0].id });
    const mailed = delivery.requests.length;
    const opened = await t.http().get(`/p/${pages[0]}/evaluering`).expect(303);
    await t.http().get(opened.headers.location).expect(200);
    expect(delivery.requests.slice(mailed).map((l) => [l.memberId, l.seminarId])).toEqual([
      [members[0].id, seminar.id],
    ]);
  });
});
