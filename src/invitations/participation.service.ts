import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { isStanding } from '../registrations/seat-state';
import { Dialect } from '../database/dialect';
import { Invitation } from './invitation.entity';
import { Decline } from './decline.entity';
import { PARTICIPATION_STATUSES, ParticipationStatus, participationStatus } from './participation';

/** Where each member of a cycle stands, from the invitation to the seat: the planner's funnel. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  /**
   * A municipality's members, each with how far they came: invited, opened their link, their seat
   * (or where it ended), ordered by name. Attended and no-show are seat states.
   */
  municipalityFunnel(cycleId: number, municipalityCode: number) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      const members = await m.find(Member, {
        where: { cycleId, municipalityCode },
        order: { name: 'ASC', id: 'ASC' },
      });
      const ids = members.map((member) => member.id);
      // One after another: a transaction has one connection (see participation below).
      const links = ids.length ? await m.find(Invitation, { where: { memberId: In(ids) } }) : [];
      const seats = ids.length
        ? await m.find(Registration, { where: { memberId: In(ids) }, order: { id: 'DESC' } })
        : [];
      return members.map((member) => {
        const own = links.filter((l) => l.memberId === member.id);
        const invited = own.some((l) => l.purpose === 'invitation' && l.revokedAt === null);
        return {
          member,
          invited,
          opened: own.some((l) => l.openedAt !== null),
          status: participationStatus(
            invited,
            seats.filter((seat) => seat.memberId === member.id),
          ),
        };
      });
    });
  }

  /**
   * The funnel's counts and how many are invited, as participation() counts them, from the status
   * the database keeps on each member: one statement over the members' index, where Overblik asks
   * on every view.
   */
  funnelCounts(cycleId: number) {
    return this.transactor.read(async (m) => {
      // Grouped by both columns of the index rather than summing a CASE per member: a fifth
      // cheaper on SQLite, which steps through every member of the cycle either way.
      const { rows } = await this.dialect.raw<{
        status: ParticipationStatus;
        invited: boolean | number;
        members: number;
      }>(
        m,
        `SELECT participation_status AS "status", invited AS "invited", COUNT(*) AS "members"
         FROM members WHERE cycle_id = :cycleId GROUP BY participation_status, invited`,
        { cycleId },
      );
      const counts = Object.fromEntries(PARTICIPATION_STATUSES.map((s) => [s, 0])) as Record<
        ParticipationStatus,
        number
      >;
      let invited = 0;
      for (const row of rows) {
        counts[row.status] += Number(row.members);
        if (row.invited) invited += Number(row.members); // SQLite answers 0 or 1, PostgreSQL a boolean
      }
      return { counts, invited };
    });
  }

  participation(cycleId: number, status?: ParticipationStatus) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      // One after another: a transaction has one connection, and pg queues (and warns about) a
      // query sent while another is still running on it.
      // Only the columns used: hydrating whole rows of every member, link and seat of the cycle
      // was most of Overblik's time (2,400 members: 60–100 ms a page).
      const members = await m.find(Member, {
        where: { cycleId },
        select: { id: true, name: true, municipalityCode: true, newlyElected: true },
        order: { id: 'ASC' },
      });
      const invitations = await m.find(Invitation, {
        where: { cycleId, purpose: 'invitation', revokedAt: IsNull() },
        select: { memberId: true, createdAt: true },
      });
      const seats = await m.find(Registration, {
        where: { cycleId },
        select: { id: true, memberId: true, seminarId: true, state: true },
        order: { id: 'DESC' },
      });
      const declined = new Set(
        (await m.find(Decline, { where: { cycleId }, select: { memberId: true } })).map((d) => d.memberId),
      );
      const invitedAt = new Map(invitations.map((i) => [i.memberId, i.createdAt]));
      const seatsOf = new Map<number, Registration[]>();
      for (const seat of seats) seatsOf.set(seat.memberId, [...(seatsOf.get(seat.memberId) ?? []), seat]);
      const items = members.map((member) => {
        const own = seatsOf.get(member.id) ?? [];
        const current = own.find((s) => isStanding(s.state)) ?? own[0];
        return {
          memberId: member.id,
          name: member.name,
          municipalityCode: member.municipalityCode,
          newlyElected: member.newlyElected,
          invitedAt: invitedAt.get(member.id) ?? null,
          status: participationStatus(invitedAt.has(member.id), own, declined.has(member.id)),
          seminarId: current?.seminarId ?? null,
          registrationId: current?.id ?? null,
        };
      });
      const counts = Object.fromEntries(
        PARTICIPATION_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length]),
      );
      return { counts, items: status ? items.filter((i) => i.status === status) : items };
    });
  }
}
