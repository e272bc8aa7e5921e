import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { isStanding, SeatState } from '../registrations/seat-state';
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
   * The funnel's counts and how many are invited, as participation() counts them. Two statements:
   * the members and the invited are counted in the database, and only the few members with a seat
   * or a decline come back as rows, each saying whether the member is invited. Overblik asks on
   * every view; reading a row per invitation (one per member) was most of its time.
   */
  funnelCounts(cycleId: number) {
    return this.transactor.read(async (m) => {
      const {
        rows: [totals],
      } = await this.dialect.raw<{ members: number; invited: number }>(
        m,
        `SELECT (SELECT COUNT(*) FROM members WHERE cycle_id = :cycleId) AS "members",
                (SELECT COUNT(DISTINCT member_id) FROM invitations
                 WHERE cycle_id = :cycleId AND purpose = 'invitation' AND revoked_at IS NULL) AS "invited"`,
        { cycleId },
      );
      // A seat per row, or a decline (no seat id); newest seat first, as participation() sees them.
      const { rows } = await this.dialect.raw<{
        memberId: number;
        id: number | null;
        state: SeatState | null;
        invited: number;
      }>(
        m,
        `SELECT x.member_id AS "memberId", x.id AS "id", x.state AS "state",
                CASE WHEN EXISTS (SELECT 1 FROM invitations i
                                  WHERE i.cycle_id = :cycleId AND i.member_id = x.member_id
                                    AND i.purpose = 'invitation' AND i.revoked_at IS NULL)
                     THEN 1 ELSE 0 END AS "invited"
         FROM (SELECT member_id, id, state FROM registrations WHERE cycle_id = :cycleId
               UNION ALL
               SELECT member_id, NULL, NULL FROM invitation_declines WHERE cycle_id = :cycleId) x
         ORDER BY x.id DESC`,
        { cycleId },
      );
      const seatsOf = new Map<number, Array<{ id: number; state: SeatState }>>();
      const declined = new Set<number>();
      const invited = new Set<number>();
      for (const row of rows) {
        const memberId = Number(row.memberId);
        if (Number(row.invited) === 1) invited.add(memberId);
        const seats = seatsOf.get(memberId) ?? [];
        seatsOf.set(memberId, seats);
        if (row.state === null) declined.add(memberId);
        else seats.push({ id: Number(row.id), state: row.state });
      }
      const counts = Object.fromEntries(PARTICIPATION_STATUSES.map((s) => [s, 0])) as Record<
        ParticipationStatus,
        number
      >;
      for (const [id, seats] of seatsOf)
        counts[participationStatus(invited.has(id), seats, declined.has(id))] += 1;
      // The others have no seat and no decline: not answered when invited, else not invited.
      const invitedOnly = Number(totals.invited) - invited.size;
      counts.not_answered += invitedOnly;
      counts.not_invited += Number(totals.members) - seatsOf.size - invitedOnly;
      return { counts, invited: Number(totals.invited) };
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
