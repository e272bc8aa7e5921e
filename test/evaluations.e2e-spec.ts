import { EvaluationQuestionnaire } from '../src/evaluations/evaluation-questionnaire.entity';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { EvaluationResponse } from '../src/evaluations/evaluation-response.entity';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { EvaluationSweeper } from '../src/evaluations/evaluation-sweeper';
import { DEFAULT_QUESTIONS } from '../src/evaluations/questionnaire';
import { hashPersonalToken } from '../src/invitations/personal-token';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
  startEvaluatingApp,
} from './factories/evaluations.factory';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

const DAY = 24 * 3600 * 1000;

describe('Evaluations', () => {
  let t: TestApp;
  let planner: string;
  let delivery: RecordingEvaluationDelivery;

  beforeAll(async () => ({ t, delivery, planner } = await startEvaluatingApp()));
  afterAll(() => t.close());

  const requests = (seminarId: number) =>
    t.dataSource.getRepository(EvaluationRequest).find({ where: { seminarId }, order: { memberId: 'ASC' } });
  const responses = (seminarId: number) =>
    t.dataSource.getRepository(EvaluationResponse).findBy({ seminarId });

  describe('requests', () => {
    it('asks those who attended, once, and never the no-shows', async () => {
      const { seminar, members, seats } = await seminarWithParticipants(t, planner, 4);
      const before = new Date();
      await recordAttendance(t, planner, seminar.id, [
        { registrationId: seats[0], attended: true },
        { registrationId: seats[1], attended: true },
        { registrationId: seats[2], attended: true },
        { registrationId: seats[3], attended: false },
      ]);
      const attended = members.slice(0, 3).map((m) => m.id);
      const rows = await requests(seminar.id);
      expect(rows.map((r) => r.memberId)).toEqual(attended);
      const sent = delivery.requests.filter((l) => l.seminarId === seminar.id);
      expect(sent.map((l) => l.memberId).sort((a, b) => a - b)).toEqual(attended);
      for (const row of rows) {
        const link = sent.find((l) => l.memberId === row.memberId)!;
        expect(row.tokenHash).toBe(hashPersonalToken(link.token));
        expect(link.requestId).toBe(row.id);
        expect(row).toMatchObject({ answered: false, remindedAt: null, reminderTokenHash: null });
        expect(row.closesAt.getTime() - row.createdAt.getTime()).toBe(21 * DAY);
        expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
        expect(JSON.stringify(row)).not.toContain(link.token);
      }

      // Recording again, and the sweep, ask nobody twice.
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      await t.app.get(EvaluationsService).requestForEndedSeminars();
      expect(await requests(seminar.id)).toHaveLength(3);
      expect(delivery.requests.filter((l) => l.seminarId === seminar.id)).toHaveLength(3);

      // A seat corrected to no-show loses its unanswered request.
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[2], attended: false }]);
      expect((await requests(seminar.id)).map((r) => r.memberId)).toEqual(attended.slice(0, 2));
    });

    it('waits for the end of a seminar whose attendance was recorded while it ran, then the sweep asks', async () => {
      const { seminar, members, seats } = await seminarWithParticipants(t, planner, 2, { endedHoursAgo: -5 });
      await recordAttendance(t, planner, seminar.id, [
        { registrationId: seats[0], attended: true },
        { registrationId: seats[1], attended: false },
      ]);
      expect(await requests(seminar.id)).toEqual([]);
      const evaluations = t.app.get(EvaluationsService);
      await expect(evaluations.requestForEndedSeminars(new Date())).resolves.toBe(0);
      const afterEnd = new Date(Date.now() + 6 * 3600 * 1000);
      await expect(evaluations.requestForEndedSeminars(afterEnd)).resolves.toBe(1);
      await expect(evaluations.requestForEndedSeminars(afterEnd)).resolves.toBe(0);
      expect((await requests(seminar.id)).map((r) => r.memberId)).toEqual([members[0].id]);
      expect(delivery.requests.filter((l) => l.seminarId === seminar.id).map((l) => l.memberId)).toEqual([
        members[0].id,
      ]);
    });

    it('reminds only those who have not answered, once, after the configured days, with a link that works', async () => {
      const { cycleId, seminar, members, seats } = await seminarWithParticipants(t, planner, 3);
      await t
        .http()
        .put(`/api/cycles/${cycleId}/evaluations/questionnaire`)
        .auth(planner, { type: 'bearer' })
        .send({ questions: DEFAULT_QUESTIONS, reminderAfterDays: 5, closesAfterDays: 14 })
        .expect(200);
      await recordAttendance(
        t,
        planner,
        seminar.id,
        seats.map((registrationId) => ({ registrationId, attended: true })),
      );
      const [answering, waiting, late] = members.map((m) => m.id);
      expect(
        (await answerSurvey(t, delivery.tokenOf(answering, seminar.id), defaultAnswers(5, 10))).status,
      ).toBe(303);

      const sweeper = t.app.get(EvaluationSweeper);
      const remindedFor = () => delivery.reminders.filter((l) => l.seminarId === seminar.id);
      await expect(sweeper.sweep(new Date(Date.now() + 5 * DAY - 60_000))).resolves.toEqual({
        requested: 0,
        reminded: 0,
      });
      expect(remindedFor()).toEqual([]);
      await sweeper.sweep(new Date(Date.now() + 5 * DAY + 60_000));
      expect(remindedFor().map((l) => l.memberId)).toEqual([waiting, late]);
      await sweeper.sweep(new Date(Date.now() + 6 * DAY));
      expect(remindedFor()).toHaveLength(2);

      const rows = await requests(seminar.id);
      expect(rows.map((r) => [r.memberId, r.answered, r.remindedAt !== null])).toEqual([
        [answering, true, false],
        [waiting, false, true],
        [late, false, true],
      ]);
      // The reminder's own link and the first one both open the survey.
      const reminder = remindedFor().find((l) => l.memberId === waiting)!;
      expect(rows[1].reminderTokenHash).toBe(hashPersonalToken(reminder.token));
      await t.http().get(`/evaluering/${reminder.token}`).expect(200);
      await t
        .http()
        .get(`/evaluering/${delivery.tokenOf(waiting, seminar.id)}`)
        .expect(200);
      expect(await answerSurvey(t, reminder.token, defaultAnswers(4, 8))).toMatchObject({ status: 303 });
      await t
        .http()
        .get(`/evaluering/${delivery.tokenOf(waiting, seminar.id)}`)
        .expect(410);

      // A survey that has closed shows the same neutral page as a wrong link.
      await t.dataSource
        .getRepository(EvaluationRequest)
        .update({ id: rows[2].id }, { closesAt: new Date(Date.now() - 1000) });
      const closed = await t
        .http()
        .get(`/evaluering/${delivery.tokenOf(late, seminar.id)}`)
        .expect(404);
      const wrong = await t
        .http()
        .get(`/evaluering/${'w'.repeat(43)}`)
        .expect(404);
      const portalWrong = await t
        .http()
        .get(`/p/${'w'.repeat(43)}`)
        .expect(404);
      expect(closed.text).toBe(wrong.text);
      expect(wrong.text).toBe(portalWrong.text);
      expect(wrong.text).toContain('Linket virker ikke');
    });
    it('neither reminds an erased member nor lets their link work', async () => {
      const { cycleId, seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      const token = delivery.tokenOf(members[0].id, seminar.id);
      await t
        .http()
        .post(`/api/cycles/${cycleId}/members/${members[0].id}/erase`)
        .auth(planner, { type: 'bearer' })
        .expect(200);
      await t.app.get(EvaluationSweeper).sweep(new Date(Date.now() + 8 * DAY));
      expect(delivery.reminders.filter((l) => l.seminarId === seminar.id)).toEqual([]);
      await t.http().get(`/evaluering/${token}`).expect(404);
    });
  });

  describe('the survey', () => {
    it('stores an answer with no link to the member, the seat, the request or the token', async () => {
      const { seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      const token = delivery.tokenOf(members[0].id, seminar.id);
      const [request] = await requests(seminar.id);

      const page = await t.http().get(`/evaluering/${token}`).expect(200);
      expect(page.text).toContain('<html lang="da">');
      expect(page.text).toContain('Hvor tilfreds er du samlet set med forløbet?');
      const done = await answerSurvey(t, token, defaultAnswers(5, 9, 'Netværket på tværs af kommuner'));
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/evaluering/${token}/tak`);
      expect((await t.http().get(done.headers.location).expect(200)).text).toContain('Tak for dine svar');

      const table = await t.dataSource.createQueryRunner().getTable('evaluation_responses');
      expect(table!.columns.map((c) => c.name).sort()).toEqual(
        ['answered_on', 'answers', 'id', 'questionnaire_version_id', 'seminar_id'].sort(),
      );
      expect(table!.columns.find((c) => c.name === 'answered_on')!.type).toBe('date');
      expect(table!.foreignKeys.map((fk) => fk.referencedTableName).sort()).toEqual([
        'evaluation_questionnaires',
        'seminars',
      ]);
      if (t.database.engine === 'sqlite') {
        // No rowid that would number the answers in the order they came.
        const [{ sql }] = await t.dataSource.query(
          `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'evaluation_responses'`,
        );
        expect(sql).toMatch(/WITHOUT ROWID/);
      }
      const requestTable = await t.dataSource.createQueryRunner().getTable('evaluation_requests');
      // Who was asked and whether they answered: nothing that points to the answer.
      expect(requestTable!.columns.map((c) => c.name).sort()).toEqual([
        'answered',
        'closes_at',
        'created_at',
        'id',
        'member_id',
        'page_token_hash',
        'reminded_at',
        'reminder_token_hash',
        'seminar_id',
        'token_hash',
      ]);

      const rows: Array<Record<string, unknown>> = await t.dataSource.query(
        'SELECT * FROM evaluation_responses WHERE seminar_id = ' + seminar.id,
      );
      expect(rows).toHaveLength(1);
      const [row] = rows;
      const version = await t.dataSource
        .getRepository(EvaluationQuestionnaire)
        .findOneByOrFail({ cycleId: seminar.cycleId });
      expect(Number(row.seminar_id)).toBe(seminar.id);
      expect(Number(row.questionnaire_version_id)).toBe(version.id);
      expect(String(row.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const day = row.answered_on instanceof Date ? row.answered_on.toISOString() : String(row.answered_on);
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(JSON.parse(String(row.answers))).toEqual({
        overall: 5,
        relevance: 4,
        speakers: 4,
        network: 5,
        recommend: 9,
        best: 'Netværket på tværs af kommuner',
      });
      const values = Object.values(row).map(String);
      for (const secret of [token, hashPersonalToken(token), members[0].name!, members[0].email!]) {
        expect(values.join('|')).not.toContain(secret);
      }
      // A member, seat or request id shows up only where it happens to equal the seminar's or version's id.
      const known: Record<string, number> = { seminar_id: seminar.id, questionnaire_version_id: version.id };
      for (const id of [members[0].id, seats[0], request.id]) {
        const equal = Object.keys(row).filter((k) => String(row[k]) === String(id));
        expect(equal).toEqual(Object.keys(row).filter((k) => known[k] === id));
      }
      await expect(
        t.dataSource.getRepository(EvaluationRequest).findOneByOrFail({ id: request.id }),
      ).resolves.toMatchObject({ answered: true });
    });

    it('answers once: a second submission through the same link, even at the same moment, stores nothing', async () => {
      const { seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      const token = delivery.tokenOf(members[0].id, seminar.id);
      const page = await t.http().get(`/evaluering/${token}`).expect(200);
      const post = () =>
        t
          .http()
          .post(`/evaluering/${token}`)
          .type('form')
          .send({ ...csrfOf(page.text), ...defaultAnswers(3, 7) });
      const both = await Promise.all([post(), post()]);
      expect(both.map((r) => r.status).sort()).toEqual([303, 410]);
      const again = await post();
      expect(again.status).toBe(410);
      expect(again.text).toContain('Du har allerede svaret');
      expect(again.text).toContain('Intet nyt er gemt');
      await t.http().get(`/evaluering/${token}`).expect(410);
      expect(await responses(seminar.id)).toHaveLength(1);
    });

    it('shows problems in Danish next to the field, keeps the answers, and stores nothing', async () => {
      const { seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      const token = delivery.tokenOf(members[0].id, seminar.id);
      const res = await answerSurvey(t, token, {
        ...defaultAnswers(4, 8, 'Gode oplæg <b>især</b>'),
        overall: '',
        speakers: '9',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Der er problemer med dine svar');
      expect(res.text).toMatch(/id="fejl-overall">Fejl: Skal besvares\./);
      expect(res.text).toMatch(/id="fejl-speakers">Fejl: Skal være et helt tal fra 1 til 5\./);
      expect(res.text).toContain('aria-describedby="fejl-overall"');
      expect(res.text).toMatch(/id="svar-relevance-4" name="relevance" value="4" checked/);
      expect(res.text).toMatch(/id="svar-recommend-8" name="recommend" value="8" checked/);
      expect(res.text).toContain('Gode oplæg &lt;b&gt;især&lt;/b&gt;</textarea>');
      expect(await responses(seminar.id)).toEqual([]);
      expect((await requests(seminar.id))[0].answered).toBe(false);

      const forged = await t.http().post(`/evaluering/${token}`).type('form').send(defaultAnswers(4, 8));
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('Formularen er udløbet');
      expect(await responses(seminar.id)).toEqual([]);
    });
  });

  it('counts wrong survey links and wrong personal links together (429 after 20)', async () => {
    const fresh = await startTestApp();
    try {
      for (let i = 0; i < 10; i++) {
        await fresh
          .http()
          .get(`/p/${'y'.repeat(43)}`)
          .expect(404);
        await fresh
          .http()
          .get(`/evaluering/${'y'.repeat(43)}`)
          .expect(404);
      }
      const blocked = await fresh.http().get(`/evaluering/${'z'.repeat(43)}`);
      expect(blocked.status).toBe(429);
      expect(blocked.text).toContain('For mange forsøg');
    } finally {
      await fresh.close();
    }
  });

  describe('the questionnaire', () => {
    it('starts from the Danish default and refuses bad definitions naming the field', async () => {
      const { cycleId } = await seminarWithParticipants(t, planner, 0);
      const url = `/api/cycles/${cycleId}/evaluations/questionnaire`;
      const first = await t.http().get(url).auth(planner, { type: 'bearer' }).expect(200);
      expect(first.body).toMatchObject({
        version: 1,
        hasAnswers: false,
        questions: DEFAULT_QUESTIONS,
        reminderAfterDays: 7,
        closesAfterDays: 21,
      });
      const bad = await t
        .http()
        .put(url)
        .auth(planner, { type: 'bearer' })
        .send({
          questions: [
            { id: 'overall', type: 'scale', text: 'Samlet', required: true },
            { id: 'overall', type: 'text', text: 'Igen', required: false },
            { id: 'day', type: 'single', text: 'Dag', required: true, options: ['Torsdag'] },
            { id: 'x', type: 'slider', text: 'Glider', required: true },
            { id: 'nonce', type: 'nps', text: 'Anbefal', required: 'ja' },
          ],
          reminderAfterDays: 30,
          closesAfterDays: 10,
        })
        .expect(400);
      expect(bad.body.details).toEqual([
        { field: 'questions[0].labels', reason: expect.stringContaining('min, max') },
        { field: 'questions[1].id', reason: '"overall" is used twice' },
        { field: 'questions[2].options', reason: expect.stringContaining('2 to 20') },
        { field: 'questions[3].type', reason: expect.stringContaining('scale, nps') },
        { field: 'questions[4].id', reason: expect.stringContaining('not nonce or mac') },
        { field: 'questions[4].required', reason: 'must be true or false' },
        { field: 'reminderAfterDays', reason: 'must be less than closesAfterDays' },
      ]);
      const unchanged = await t.http().get(url).auth(planner, { type: 'bearer' }).expect(200);
      expect(unchanged.body.questions).toEqual(DEFAULT_QUESTIONS);
      const kl = await t.tokenFor('kl');
      await t.http().put(url).auth(kl, { type: 'bearer' }).send({ questions: DEFAULT_QUESTIONS }).expect(403);
      await t
        .http()
        .get('/api/cycles/99999/evaluations/questionnaire')
        .auth(planner, { type: 'bearer' })
        .expect(404);
    });

    it('changes a version in place until it has answers, then makes a new one; earlier answers keep theirs', async () => {
      const { cycleId, seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
      const url = `/api/cycles/${cycleId}/evaluations/questionnaire`;
      const topics = {
        id: 'topics',
        type: 'multiple',
        text: 'Hvilke emner vil du vide mere om?',
        required: false,
        options: ['Økonomi', 'Jura', 'Rollen som politiker'],
      };
      const edited = await t
        .http()
        .put(url)
        .auth(planner, { type: 'bearer' })
        .send({ questions: [...DEFAULT_QUESTIONS, topics] })
        .expect(200);
      expect(edited.body).toMatchObject({ version: 1, hasAnswers: false });
      await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
      const token = delivery.tokenOf(members[0].id, seminar.id);
      const res = await answerSurvey(t, token, { ...defaultAnswers(4, 9), topics: ['Økonomi', 'Jura'] });
      expect(res.status).toBe(303);
      const [answer] = await responses(seminar.id);
      expect(answer.answers.topics).toEqual(['Økonomi', 'Jura']);
      expect(answer.questionnaireVersionId).toBe(edited.body.versionId);

      const settingsOnly = await t
        .http()
        .put(url)
        .auth(planner, { type: 'bearer' })
        .send({ questions: [...DEFAULT_QUESTIONS, topics], reminderAfterDays: 3 })
        .expect(200);
      expect(settingsOnly.body).toMatchObject({ version: 1, reminderAfterDays: 3, hasAnswers: true });
      const changed = await t
        .http()
        .put(url)
        .auth(planner, { type: 'bearer' })
        .send({ questions: DEFAULT_QUESTIONS.slice(0, 5) })
        .expect(200);
      expect(changed.body).toMatchObject({ version: 2, hasAnswers: false, reminderAfterDays: 3 });
      const old = await t.dataSource
        .getRepository(EvaluationQuestionnaire)
        .findOneByOrFail({ id: edited.body.versionId });
      expect(old.questions.map((q) => q.id)).toContain('topics');
      await expect(
        t.dataSource.getRepository(EvaluationResponse).findOneByOrFail({ id: answer.id }),
      ).resolves.toMatchObject({ questionnaireVersionId: old.id });
    });
  });
});
