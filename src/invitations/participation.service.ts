import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { Invitation } from './invitation.entity';
import { ParticipationStatus, participationStatus } from './participation';

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
      const [links, seats] = ids.length
        ? await Promise.all([
            m.find(Invitation, { where: { memberId: In(ids) } }),
            m.find(Registration, { where: { memberId: In(ids) }, order: { id: 'DESC' } }),
          ])
        : [[], []];
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

  participation(cycleId: number, status?: ParticipationStatus) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      const [members, invitations, seats] = await Promise.all([
        m.find(Member, { where: { cycleId }, order: { id: 'ASC' } }),
        m.find(Invitation, { where: { cycleId, purpose: 'invitation', revokedAt: IsNull() } }),
        m.find(Registration, { where: { cycleId }, order: { id: 'DESC' } }),
      ]);
      const invitedAt = new Map(invitations.map((i) => [i.memberId, i.createdAt]));
      const seatsOf = new Map<number, Registration[]>();
      for (const seat of seats) seatsOf.set(seat.memberId, [...(seatsOf.get(seat.memberId) ?? []), seat]);
      const items = members.map((member) => {
        const own = seatsOf.get(member.id) ?? [];
        const current = own.find((s) => s.state !== 'cancelled') ?? own[0];
        return {
          memberId: member.id,
          name: member.name,
          municipalityCode: member.municipalityCode,
          newlyElected: member.newlyElected,
          invitedAt: invitedAt.get(member.id) ?? null,
          status: participationStatus(invitedAt.has(member.id), own),
          seminarId: current?.seminarId ?? null,
          registrationId: current?.id ?? null,
        };
      });
      const counts = Object.fromEntries(
        ['not_invited', 'not_answered', 'registered', 'waitlisted', 'cancelled', 'attended', 'no_show'].map(
          (s) => [s, items.filter((i) => i.status === s).length],
        ),
      );
      return { counts, items: status ? items.filter((i) => i.status === status) : items };
    });
  }
}
