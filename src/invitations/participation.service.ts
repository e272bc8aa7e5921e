import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { isStanding, SeatState } from '../registrations/seat-state';
import { namedQuery } from '../database/named-query';
import { Invitation } from './invitation.entity';
import { Decline } from './decline.entity';
import { PARTICIPATION_STATUSES, ParticipationStatus, participationStatus } from './participation';

/** Where each member of a cycle stands, from the invitation to the seat: the planner's funnel. */
@Injectable()
export class ParticipationService {
  constructor(private readonly transactor: Transactor) {}

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
   * The funnel's counts and how many are invited, as participation() counts them, from plain rows
   * of only the members who have an invitation, a seat or a decline: Overblik asks on every view,
   * and reading and hydrating every member, link and seat of the cycle was nearly all its time.
   */
  funnelCounts(cycleId: number) {
    return this.transactor.read(async (m) => {
      const rows = <T>(sql: string) => namedQuery<T>(m, sql, { cycleId });
      const [{ members }] = await rows<{ members: number }>(
        'SELECT COUNT(*) AS members FROM members WHERE cycle_id = :cycleId',
      );
      const invited = new Set(
        (
          await rows<{ memberId: number }>(
            `SELECT member_id AS "memberId" FROM invitations
             WHERE cycle_id = :cycleId AND purpose = 'invitation' AND revoked_at IS NULL`,
          )
        ).map((r) => Number(r.memberId)),
      );
      const declined = new Set(
        (
          await rows<{ memberId: number }>(
            'SELECT member_id AS "memberId" FROM invitation_declines WHERE cycle_id = :cycleId',
          )
        ).map((r) => Number(r.memberId)),
      );
      const seatsOf = new Map<number, Array<{ id: number; state: SeatState }>>();
      for (const seat of await rows<{ id: number; memberId: number; state: SeatState }>(
        'SELECT id, member_id AS "memberId", state FROM registrations WHERE cycle_id = :cycleId ORDER BY id DESC',
      )) {
        const memberId = Number(seat.memberId);
        seatsOf.set(memberId, [...(seatsOf.get(memberId) ?? []), { id: Number(seat.id), state: seat.state }]);
      }
      const counts = Object.fromEntries(PARTICIPATION_STATUSES.map((s) => [s, 0])) as Record<
        ParticipationStatus,
        number
      >;
      const seen = new Set([...invited, ...declined, ...seatsOf.keys()]);
      for (const id of seen)
        counts[participationStatus(invited.has(id), seatsOf.get(id) ?? [], declined.has(id))] += 1;
      // The others have nothing: not invited.
      counts.not_invited += Number(members) - seen.size;
      return { counts, invited: invited.size };
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
