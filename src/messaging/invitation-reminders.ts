import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { BackgroundWork } from '../common/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Cycle } from '../cycles/cycle.entity';
import { Transactor } from '../database/transactor';
import { Decline } from '../invitations/decline.entity';
import { Invitation } from '../invitations/invitation.entity';
import { Wave } from '../planning/wave.entity';
import { Registration } from '../registrations/registration.entity';
import { dueInvitationReminder, InvitationReminderKind } from './invitation-reminder-schedule';
import { MemberMail, PAGE_LINK } from './member-mail';
import { cycleDurations } from './seminar-info';

/** A member to remind, with the invitation the reminder follows. */
export interface InvitationReminderTarget {
  invitationId: number;
  memberId: number;
  cycleId: number;
  /** `planner`: sent from the console; `round` tells one such sending from the next. */
  kind: InvitationReminderKind | 'planner';
  round?: string;
}

/**
 * The invitation reminders: to members invited who have taken no seat, joined no waiting list and
 * not declined, N days after the invitation and M days before registration closes (per cycle).
 * Each carries a fresh link to the member's page (earlier links keep working), once per
 * invitation and kind (key `invitation_reminder:<invitationId>:<kind>`).
 *
 * Runs every INVITATION_REMINDER_SWEEP_MINUTES in the server; a planner's "remind now" calls `send`.
 */
@Injectable()
export class InvitationReminders implements OnApplicationBootstrap {
  constructor(
    private readonly transactor: Transactor,
    private readonly mail: MemberMail,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.background.every(
      'Invitation reminder sweep',
      this.config.invitationReminderSweepMinutes * 60_000,
      () => this.sweep(),
    );
  }

  /** Writes the reminders due at `now`; returns how many. */
  sweep(now = new Date()): Promise<number> {
    return this.transactor.run(async (m) => this.send(m, await this.due(m, now)));
  }

  /** Writes reminders to the targets in the caller's transaction; a target reminded already is skipped. */
  async send(manager: EntityManager, targets: InvitationReminderTarget[]): Promise<number> {
    if (targets.length === 0) return 0;
    const cycleIds = [...new Set(targets.map((t) => t.cycleId))];
    const cycles = await manager.findBy(Cycle, { id: In(cycleIds) });
    const durations = await cycleDurations(manager, cycleIds);
    const deadlines = await registrationDeadlines(manager, cycleIds);
    const nameOf = new Map(cycles.map((c) => [c.id, c.name]));
    return this.mail.send(
      manager,
      targets.map((target) => ({
        key: `invitation_reminder:${target.invitationId}:${target.kind}${target.round ? `:${target.round}` : ''}`,
        memberId: target.memberId,
        link: PAGE_LINK,
        compose: ({ recipient, link }) => ({
          kind: 'invitation_reminder',
          context: {
            recipient,
            cycleName: nameOf.get(target.cycleId) ?? '',
            personalLink: link,
            deadline: deadlines.get(target.cycleId) ?? null,
            duration: durations.get(target.cycleId) ?? null,
            last: target.kind === 'before_deadline',
          },
        }),
      })),
    );
  }

  /**
   * A planner's "remind now": a reminder with a fresh link to each of these members who holds a
   * live invitation and has neither a seat of any kind nor a decline; returns how many.
   */
  remindNow(cycleId: number, memberIds: number[], round: string): Promise<number> {
    return this.transactor.run(async (m) => {
      if (memberIds.length === 0) return 0;
      const answered = await answeredIn(m, cycleId);
      const invitations = await m.findBy(Invitation, {
        cycleId,
        memberId: In(memberIds),
        purpose: 'invitation',
        revokedAt: IsNull(),
      });
      return this.send(
        m,
        invitations
          .filter((i) => !answered.has(i.memberId))
          .map((i) => ({
            invitationId: i.id,
            memberId: i.memberId,
            cycleId,
            kind: 'planner' as const,
            round,
          })),
      );
    });
  }

  /** Who has a reminder due: a live invitation, no seat or waiting place of any kind, no decline. */
  private async due(m: EntityManager, now: Date): Promise<InvitationReminderTarget[]> {
    const cycles = await m.findBy(Cycle, { status: Not('closed') });
    const deadlines = await registrationDeadlines(
      m,
      cycles.map((c) => c.id),
    );
    const targets: InvitationReminderTarget[] = [];
    for (const cycle of cycles) {
      const deadline = deadlines.get(cycle.id);
      if (!deadline || now >= deadline) continue;
      const invitations = await m.findBy(Invitation, {
        cycleId: cycle.id,
        purpose: 'invitation',
        revokedAt: IsNull(),
      });
      if (invitations.length === 0) continue;
      const answered = await answeredIn(m, cycle.id);
      const rule = {
        afterDays: cycle.invitationReminderAfterDays,
        beforeDeadlineDays: cycle.invitationReminderBeforeDeadlineDays,
      };
      for (const invitation of invitations) {
        if (answered.has(invitation.memberId)) continue;
        const kind = dueInvitationReminder(now, invitation.createdAt, deadline, rule);
        if (kind) {
          targets.push({
            invitationId: invitation.id,
            memberId: invitation.memberId,
            cycleId: cycle.id,
            kind,
          });
        }
      }
    }
    return targets;
  }
}

/** The members of a cycle who took a seat or a waiting place of any kind, or declined. */
async function answeredIn(m: EntityManager, cycleId: number): Promise<Set<number>> {
  return new Set([
    ...(await m.find(Registration, { where: { cycleId }, select: { memberId: true } })).map(
      (r) => r.memberId,
    ),
    ...(await m.find(Decline, { where: { cycleId }, select: { memberId: true } })).map((d) => d.memberId),
  ]);
}

/** When registration closes for each cycle: its last wave's close, as the invitation says. */
async function registrationDeadlines(m: EntityManager, cycleIds: number[]): Promise<Map<number, Date>> {
  const result = new Map<number, Date>();
  if (cycleIds.length === 0) return result;
  const waves = await m.findBy(Wave, { cycleId: In(cycleIds) });
  for (const wave of waves) {
    const known = result.get(wave.cycleId);
    if (!known || wave.registrationClosesAt > known) result.set(wave.cycleId, wave.registrationClosesAt);
  }
  return result;
}
