import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { Registration } from '../registrations/registration.entity';
import { isStanding } from '../registrations/seat-state';
import { Invitation } from './invitation.entity';
import { Decline } from './decline.entity';
import { PARTICIPATION_STATUSES, ParticipationStatus, participationStatus } from './participation';

/** Where each member of a cycle stands, from the invitation to the seat: the planner's funnel. */
@Injectable()
export class ParticipationService {
  constructor(private readonly transactor: Transactor) {}

  participation(cycleId: number, status?: ParticipationStatus) {
    return this.transactor.run(async (m) => {
      if (!(await m.existsBy(Cycle, { id: cycleId }))) throw DomainError.notFound('Cycle', cycleId);
      // One after another: a transaction has one connection, and pg queues (and warns about) a
      // query sent while another is still running on it.
      const members = await m.find(Member, { where: { cycleId }, order: { id: 'ASC' } });
      const invitations = await m.find(Invitation, {
        where: { cycleId, purpose: 'invitation', revokedAt: IsNull() },
      });
      const seats = await m.find(Registration, { where: { cycleId }, order: { id: 'DESC' } });
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
