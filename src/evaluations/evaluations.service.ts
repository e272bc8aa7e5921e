import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Member } from '../cycles/member.entity';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { hashPersonalToken, newPersonalToken } from '../invitations/personal-token';
import { Seminar } from '../planning/seminar.entity';
import { Registration } from '../registrations/registration.entity';
import { SeatState } from '../registrations/seat-state';
import { EvaluationDelivery, EvaluationLink } from './evaluation-delivery';
import { EvaluationRequest } from './evaluation-request.entity';
import { MAX_SURVEY_DAYS, SurveySettings } from './questionnaire';
import { QuestionnairesService } from './questionnaires.service';
import { addDays, asksForEvaluation, isReminderDue } from './survey-schedule';

/** Who is asked to evaluate, and the one reminder. Every request is sent in the transaction that creates it. */
@Injectable()
export class EvaluationsService implements OnModuleInit {
  constructor(
    private readonly transactor: Transactor,
    private readonly questionnaires: QuestionnairesService,
    private readonly delivery: EvaluationDelivery,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('attendance.recorded', (m, { seminar, seats }) =>
      this.attendanceRecorded(m, seminar, seats),
    );
  }

  /** Which of the members have answered an evaluation (who, never what). */
  async answeredAmong(memberIds: number[]): Promise<Set<number>> {
    if (memberIds.length === 0) return new Set();
    const rows = await this.transactor.run((m) =>
      m.find(EvaluationRequest, {
        select: { memberId: true },
        where: { memberId: In(memberIds), answered: true },
      }),
    );
    return new Set(rows.map((r) => r.memberId));
  }

  /**
   * In the transaction that records attendance (`attendance.recorded`): those who came are asked
   * once the seminar has ended (until then the sweep waits for the end); a seat corrected to
   * no-show loses its unanswered request, since no-shows are never asked.
   */
  async attendanceRecorded(
    m: EntityManager,
    seminar: Pick<Seminar, 'id' | 'cycleId' | 'endsAt'>,
    seats: Array<{ memberId: number; state: SeatState }>,
    now = new Date(),
  ): Promise<void> {
    const noShows = seats.filter((s) => s.state === 'no_show').map((s) => s.memberId);
    if (noShows.length > 0) {
      await m.delete(EvaluationRequest, { seminarId: seminar.id, memberId: In(noShows), answered: false });
    }
    const attended = seats.filter((s) => s.state === 'attended').map((s) => s.memberId);
    if (attended.length === 0) return;
    const settings = await this.questionnaires.current(m, seminar.cycleId);
    if (asksForEvaluation(seminar.endsAt, now, settings)) {
      await this.createRequests(m, seminar.id, attended, now, settings);
    }
  }

  /** Asks everyone marked as attended at a seminar that has ended and who has not been asked yet. */
  async requestForEndedSeminars(now = new Date()): Promise<number> {
    const seminars = await this.transactor.run((m) =>
      m
        .createQueryBuilder(Seminar, 's')
        .where('s.ends_at <= :now AND s.ends_at > :earliest', {
          now,
          earliest: addDays(now, -MAX_SURVEY_DAYS),
        })
        .andWhere(
          `EXISTS (SELECT 1 FROM registrations r WHERE r.seminar_id = s.id AND r.state = :attended
             AND NOT EXISTS (SELECT 1 FROM evaluation_requests q
               WHERE q.seminar_id = r.seminar_id AND q.member_id = r.member_id))`,
          { attended: 'attended' },
        )
        .orderBy('s.id')
        .getMany(),
    );
    let created = 0;
    for (const seminar of seminars) {
      created += await this.transactor.run(async (m) => {
        const settings = await this.questionnaires.current(m, seminar.cycleId);
        if (!asksForEvaluation(seminar.endsAt, now, settings)) return 0;
        const seats = await m.find(Registration, {
          where: { seminarId: seminar.id, state: 'attended' },
          select: { memberId: true },
        });
        return this.createRequests(
          m,
          seminar.id,
          seats.map((s) => s.memberId),
          now,
          settings,
        );
      });
    }
    return created;
  }

  /** Sends the one reminder, with a link of its own, to each member who is due one (never to an erased one). */
  async sendDueReminders(now = new Date()): Promise<number> {
    const open = await this.transactor.run((m) =>
      m
        .createQueryBuilder(EvaluationRequest, 'q')
        .innerJoin(Seminar, 's', 's.id = q.seminar_id')
        .select('DISTINCT s.cycle_id', 'cycleId')
        .where('q.answered = :no AND q.reminded_at IS NULL AND q.closes_at > :now', { no: false, now })
        .getRawMany<{ cycleId: number }>(),
    );
    let reminded = 0;
    for (const cycleId of open.map((row) => Number(row.cycleId))) {
      reminded += await this.transactor.run(async (m) => {
        const settings = await this.questionnaires.current(m, cycleId);
        const requests = await m
          .createQueryBuilder(EvaluationRequest, 'q')
          .innerJoin(Seminar, 's', 's.id = q.seminar_id')
          .innerJoin(Member, 'mb', 'mb.id = q.member_id AND mb.erased_at IS NULL')
          .where('s.cycle_id = :cycleId', { cycleId })
          .andWhere('q.answered = :no AND q.reminded_at IS NULL AND q.closes_at > :now', { no: false, now })
          .andWhere('q.created_at <= :due', { due: addDays(now, -settings.reminderAfterDays) })
          .orderBy('q.id')
          .getMany();
        const links: EvaluationLink[] = [];
        for (const request of requests.filter((r) => isReminderDue(r, now, settings))) {
          const link = await this.remind(m, request, now);
          if (link) links.push(link);
        }
        await this.delivery.remindEvaluations(m, links);
        return links.length;
      });
    }
    return reminded;
  }

  /** Marks the request reminded with a new link, unless another sweep did; returns the link to send. */
  private async remind(
    m: EntityManager,
    request: EvaluationRequest,
    now: Date,
  ): Promise<EvaluationLink | null> {
    const token = newPersonalToken();
    // Conditional, so two sweeps at once (two app instances) remind a member once.
    const result = await m
      .createQueryBuilder()
      .update(EvaluationRequest)
      .set({ remindedAt: now, reminderTokenHash: hashPersonalToken(token) })
      .where('id = :id AND reminded_at IS NULL AND answered = :no', { id: request.id, no: false })
      .execute();
    if (result.affected !== 1) return null;
    return {
      requestId: request.id,
      memberId: request.memberId,
      seminarId: request.seminarId,
      token,
      closesAt: request.closesAt,
    };
  }

  /** One request per member and seminar: a member already asked, or erased, is skipped. */
  private async createRequests(
    m: EntityManager,
    seminarId: number,
    memberIds: number[],
    now: Date,
    settings: SurveySettings,
  ): Promise<number> {
    if (memberIds.length === 0) return 0;
    const asked = await m.find(EvaluationRequest, {
      where: { seminarId, memberId: In(memberIds) },
      select: { memberId: true },
    });
    const skip = new Set(asked.map((r) => r.memberId));
    const members = await m.find(Member, {
      where: { id: In(memberIds.filter((id) => !skip.has(id))) },
      select: { id: true, erasedAt: true },
    });
    const issued = members
      .filter((member) => !member.erasedAt)
      .map((member) => {
        const token = newPersonalToken();
        return { memberId: member.id, token, tokenHash: hashPersonalToken(token) };
      });
    if (issued.length === 0) return 0;
    const closesAt = addDays(now, settings.closesAfterDays);
    for (let i = 0; i < issued.length; i += 200) {
      // A request made meanwhile by another instance wins; ours is then not inserted and not sent.
      await m
        .createQueryBuilder()
        .insert()
        .into(EvaluationRequest)
        .values(
          issued.slice(i, i + 200).map(({ memberId, tokenHash }) => ({
            memberId,
            seminarId,
            tokenHash,
            reminderTokenHash: null,
            createdAt: now,
            remindedAt: null,
            closesAt,
            answered: false,
          })),
        )
        .orIgnore()
        .execute();
    }
    const saved = await m.find(EvaluationRequest, {
      where: { tokenHash: In(issued.map((i) => i.tokenHash)) },
      select: { id: true, tokenHash: true },
    });
    const idOf = new Map(saved.map((row) => [row.tokenHash, row.id]));
    await this.delivery.requestEvaluations(
      m,
      issued.flatMap(({ memberId, token, tokenHash }) => {
        const requestId = idOf.get(tokenHash);
        return requestId === undefined ? [] : [{ requestId, memberId, seminarId, token, closesAt }];
      }),
    );
    return saved.length;
  }
}
