import { EntityManager } from 'typeorm';
import {
  EvaluationDelivery,
  EvaluationLink,
  EvaluationMailKind,
} from '../../src/evaluations/evaluation-delivery';
import { Seminar } from '../../src/planning/seminar.entity';
import { Wave } from '../../src/planning/wave.entity';
import { csrfOf } from '../helpers/portal';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createCycle, createMembers } from './cycle-members.factory';
import { createSeminar, createVenue, createWave } from './planning.factory';

const HOUR = 3600 * 1000;

/** Stands in for the messaging module: keeps every survey link handed on, raw token included. */
export class RecordingEvaluationDelivery extends EvaluationDelivery {
  readonly requests: EvaluationLink[] = [];
  readonly reminders: EvaluationLink[] = [];
  readonly resends: Array<EvaluationLink & { kind: EvaluationMailKind; key: string }> = [];

  override async requestEvaluation(_manager: EntityManager, link: EvaluationLink): Promise<void> {
    this.requests.push(link);
  }

  override async remindEvaluation(_manager: EntityManager, link: EvaluationLink): Promise<void> {
    this.reminders.push(link);
  }

  override async resendEvaluation(
    _manager: EntityManager,
    link: EvaluationLink,
    kind: EvaluationMailKind,
    key: string,
  ): Promise<void> {
    this.resends.push({ ...link, kind, key });
  }

  tokenOf(memberId: number, seminarId: number): string {
    const link = this.requests.find((l) => l.memberId === memberId && l.seminarId === seminarId);
    if (!link) throw new Error(`No request for member ${memberId} at seminar ${seminarId}`);
    return link.token;
  }
}

/** The app with survey links recorded in place of the e-mails, and a planner's API token. */
export async function startEvaluatingApp(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; delivery: RecordingEvaluationDelivery; planner: string }> {
  const delivery = new RecordingEvaluationDelivery();
  const t = await startTestApp(env, [[EvaluationDelivery, delivery]]);
  return { t, delivery, planner: await t.tokenFor('planner') };
}

/**
 * A seminar that began three days ago and ended `endedHoursAgo` hours ago (negative: still
 * running), with `count` members holding a seat, registered by the planner.
 */
export async function seminarWithParticipants(
  t: TestApp,
  planner: string,
  count: number,
  options: {
    endedHoursAgo?: number;
    cycleId?: number;
    waveId?: number;
    waveName?: string;
    title?: string;
  } = {},
) {
  const cycleId = options.cycleId ?? (await createCycle(t.dataSource)).id;
  const wave =
    options.waveId !== undefined
      ? await t.dataSource.getRepository(Wave).findOneByOrFail({ id: options.waveId })
      : await createWave(t.dataSource, cycleId, {
          name: options.waveName ?? 'Periode 1',
          registrationOpensAt: new Date(Date.now() - 60 * 24 * HOUR),
          registrationClosesAt: new Date(Date.now() - 10 * 24 * HOUR),
        });
  const endsAt = new Date(Date.now() - (options.endedHoursAgo ?? 2) * HOUR);
  const seminar: Seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
    title: options.title ?? 'Kattegat Kolding',
    startsAt: new Date(Date.now() - 72 * HOUR),
    endsAt,
    registrationDeadline: new Date(Date.now() - 20 * 24 * HOUR),
  });
  const members = await createMembers(t.dataSource, cycleId, count);
  const seats: number[] = [];
  for (const member of members) {
    const res = await t
      .http()
      .post(`/api/seminars/${seminar.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .send({ memberId: member.id })
      .expect(201);
    seats.push(res.body.id as number);
  }
  return { cycleId, waveId: wave.id, seminar, members, seats };
}

export function recordAttendance(
  t: TestApp,
  planner: string,
  seminarId: number,
  records: Array<{ registrationId: number; attended: boolean }>,
) {
  return t
    .http()
    .post(`/api/seminars/${seminarId}/attendance`)
    .auth(planner, { type: 'bearer' })
    .send({ records })
    .expect(200);
}

/** Opens the survey behind a link and submits it, as a browser would. */
export async function answerSurvey(t: TestApp, token: string, fields: Record<string, string | string[]>) {
  const page = await t.http().get(`/evaluering/${token}`).expect(200);
  return t
    .http()
    .post(`/evaluering/${token}`)
    .type('form')
    .send({ ...csrfOf(page.text), ...fields });
}

/** A complete answer to the default questionnaire. */
export function defaultAnswers(overall: number, recommend: number, best = ''): Record<string, string> {
  return {
    overall: String(overall),
    relevance: '4',
    speakers: '4',
    network: '5',
    recommend: String(recommend),
    best,
    improve: '',
  };
}
