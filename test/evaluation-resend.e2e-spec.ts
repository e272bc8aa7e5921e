import { ParsedMail } from 'mailparser';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { EvaluationResponse } from '../src/evaluations/evaluation-response.entity';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  seminarWithParticipants,
} from './factories/evaluations.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { deliver, mailsTo } from './helpers/member-mail';
import { csrfOf } from './helpers/portal';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

const SURVEY_LINK = /\/evaluering\/([A-Za-z0-9_-]{43})/;
const DAY = 24 * 3600 * 1000;

describe('Sending a survey e-mail again', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let planner: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' });
    planner = await t.tokenFor('planner');
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const surveyTokenIn = (mail: ParsedMail) => SURVEY_LINK.exec(mail.text!)![1];
  const responses = (seminarId: number) =>
    t.dataSource.getRepository(EvaluationResponse).countBy({ seminarId });
  const message = (kind: string, memberId: number) =>
    t.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ kind: kind as OutboxMessage['kind'], memberId });

  async function moveMember(cycleId: number, memberId: number, email: string) {
    await t
      .http()
      .patch(`/api/cycles/${cycleId}/members/${memberId}`)
      .auth(planner, { type: 'bearer' })
      .send({ email })
      .expect(200);
  }

  /** Two who attended a seminar that has ended, each asked by e-mail. */
  async function askedSeminar() {
    const setup = await seminarWithParticipants(t, planner, 2);
    await recordAttendance(
      t,
      planner,
      setup.seminar.id,
      setup.seats.map((registrationId) => ({ registrationId, attended: true })),
    );
    const mails = await deliver(t, sink);
    const firstTokens = setup.members.map((m) =>
      surveyTokenIn(mailsTo(mails, m).find((x) => SURVEY_LINK.test(x.text!))!),
    );
    return { ...setup, firstTokens };
  }

  it('through the API: the request goes to the current address with a new link; the old link stops; one answer', async () => {
    const { cycleId, seminar, members, firstTokens } = await askedSeminar();
    const [member] = members;
    await moveMember(cycleId, member.id, 'ny.adresse@kommune.test');
    const original = await message('evaluation_request', member.id);

    const res = await t
      .http()
      .post(`/api/messages/${original.id}/resend`)
      .auth(planner, { type: 'bearer' })
      .expect(201);
    expect(res.body).toMatchObject({
      key: `${original.key}:resend:1`,
      kind: 'evaluation_request',
      recipientEmail: 'ny.adresse@kommune.test',
    });
    const [mail] = mailsTo(await deliver(t, sink), { email: 'ny.adresse@kommune.test' });
    expect(mail.subject).toBe(original.subject);
    const token = surveyTokenIn(mail);
    expect(token).not.toBe(firstTokens[0]);

    await t.http().get(`/evaluering/${firstTokens[0]}`).expect(404);
    expect((await answerSurvey(t, token, defaultAnswers(4, 8))).status).toBe(303);
    await expect(responses(seminar.id)).resolves.toBe(1);
    const again = await t.http().post(`/evaluering/${token}`).type('form').send(defaultAnswers(1, 0));
    expect(again.status).not.toBe(303);
    await expect(responses(seminar.id)).resolves.toBe(1);

    const answered = await t
      .http()
      .post(`/api/messages/${original.id}/resend`)
      .auth(planner, { type: 'bearer' })
      .expect(422);
    expect(answered.body.code).toBe('message.survey_answered');
    await expect(
      t.dataSource.getRepository(OutboxMessage).countBy({ key: `${original.key}:resend:2` }),
    ).resolves.toBe(0);
  });

  it('from the console: a reminder sent again arrives with a link that opens the survey; either link answers once', async () => {
    const { cycleId, seminar, members, firstTokens } = await askedSeminar();
    const member = members[1];
    await t.app.get(EvaluationsService).sendDueReminders(new Date(Date.now() + 8 * DAY));
    const [reminderMail] = mailsTo(await deliver(t, sink), member);
    const reminderToken = surveyTokenIn(reminderMail);
    await moveMember(cycleId, member.id, 'rettet@kommune.test');
    const reminder = await message('evaluation_reminder', member.id);

    const staff = await signedIn(t, 'planner');
    const page = textOf((await staff.get(`/beskeder/${reminder.id}`).expect(200)).text);
    expect(page).toContain('Send igen til rettet@kommune.test');
    await postForm(staff, `/beskeder/${reminder.id}`, `/beskeder/${reminder.id}/send-igen`, {}, 303);
    const [mail] = mailsTo(await deliver(t, sink), { email: 'rettet@kommune.test' });
    const token = surveyTokenIn(mail);
    expect(mail.text).toContain(`/evaluering/${token}`);
    await t.http().get(`/evaluering/${reminderToken}`).expect(404);
    const survey = await t.http().get(`/evaluering/${token}`).expect(200);
    expect(survey.text).toContain('Hvor tilfreds er du samlet set med forløbet?');
    expect(textOf((await staff.get(`/beskeder/${reminder.id}`).expect(200)).text)).toContain(
      'Sendt igen som en ny besked',
    );

    // The first request's link still belongs to the same request: answering by both counts once.
    expect((await answerSurvey(t, token, defaultAnswers(5, 10))).status).toBe(303);
    const first = await t.http().get(`/evaluering/${firstTokens[1]}`);
    await t
      .http()
      .post(`/evaluering/${firstTokens[1]}`)
      .type('form')
      .send({ ...(first.status === 200 ? csrfOf(first.text) : {}), ...defaultAnswers(1, 0) });
    await expect(responses(seminar.id)).resolves.toBe(1);
    await expect(
      t.dataSource
        .getRepository(EvaluationRequest)
        .findOneByOrFail({ memberId: member.id, seminarId: seminar.id }),
    ).resolves.toMatchObject({ answered: true });
  });
});
