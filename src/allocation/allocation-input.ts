import { EntityManager, In, MoreThan } from 'typeorm';
import { Member } from '../cycles/member.entity';
import { Seminar } from '../planning/seminar.entity';
import { Municipality } from '../reference/municipality.entity';
import { Party } from '../reference/party.entity';
import { MemberPreference } from '../registrations/member-preference.entity';
import { RegistrationEvent } from '../registrations/registration-event.entity';
import { Registration } from '../registrations/registration.entity';
import {
  AllocationMember,
  AllocationSeminar,
  SeatedCount,
  SeatedPartyCount,
} from './solver/allocation.types';
import { fingerprintOf, InputFingerprint } from './input-fingerprint';
import type { Displaced, Replan } from './replan';

export interface AllocationScope {
  cycleId: number;
  waveId: number | null;
  rebalance: boolean;
  /** A re-plan after one seminar changed: its seated members are the candidates (see replanInput). */
  replan?: Replan | null;
}

export interface CandidateMember extends AllocationMember {
  name: string | null;
  /** With rebalancing: the seat the member holds in one of the seminars offered, freed for the solve. */
  seat: { registrationId: number; seminarId: number } | null;
  /** A member whose seat went with a cancelled seminar: the re-plan says so. */
  cancelledSeminar: { seminarId: number; title: string } | null;
  /** A member a re-plan moves out of a shrunk seminar, and why. */
  displaced?: Displaced;
}

export interface OfferedSeminar extends AllocationSeminar {
  title: string;
  town: string;
  startsAt: Date;
  capacity: number;
  taken: number;
  seated: SeatedCount[];
  seatedParties: SeatedPartyCount[];
}

export interface GatheredInput {
  members: CandidateMember[];
  seminars: OfferedSeminar[];
  municipalityNames: Map<number, string>;
  /** Party key (see partyKey) → the list's letter and name as shown. */
  partyNames: Map<string, string>;
  fingerprint: InputFingerprint;
}

const PLACE_HOLDING = ['registered', 'attended', 'no_show'];

/**
 * The party rule's key for a list: a national party's letter, or for a local list its letter
 * within its municipality (the same letter in another municipality is another list).
 */
export function partyKey(letter: string, municipalityCode: number, national: ReadonlySet<string>): string {
  return national.has(letter) ? letter : `${municipalityCode}/${letter}`;
}

/**
 * Everything an allocation needs, read in a handful of set-based queries: the published seminars
 * of the cycle (or wave) that have not begun, their free seats and seated members per
 * municipality, and the invited members without a seat (with rebalancing, also those seated in
 * the seminars offered), with their municipality's reference point and their preferences.
 */
export async function gatherInput(m: EntityManager, scope: AllocationScope): Promise<GatheredInput> {
  const { cycleId } = scope;
  const seminarRows = await m.find(Seminar, {
    where: {
      cycleId,
      status: 'published',
      startsAt: MoreThan(new Date()),
      ...(scope.waveId !== null ? { waveId: scope.waveId } : {}),
    },
    relations: { venue: true },
    order: { id: 'ASC' },
  });
  const offered = new Set(seminarRows.map((s) => s.id));
  const parties = await m.find(Party);
  const national = new Set(parties.map((p) => p.letter));

  const memberRows: Array<{
    member_id: number;
    name: string | null;
    municipality_code: number;
    list_letter: string;
    list_name: string;
    latitude: number;
    longitude: number;
    registration_id: number | null;
    seminar_id: number | null;
    state: string | null;
  }> = await m
    .createQueryBuilder(Member, 'member')
    .innerJoin('member.municipality', 'municipality')
    .leftJoin(
      Registration,
      'seat',
      'seat.cycle_id = member.cycle_id AND seat.member_id = member.id AND seat.state IN (:...active)',
      {
        active: ['registered', 'waitlisted'],
      },
    )
    .select('member.id', 'member_id')
    .addSelect('member.name', 'name')
    .addSelect('member.municipality_code', 'municipality_code')
    .addSelect('member.list_letter', 'list_letter')
    .addSelect('member.list_name', 'list_name')
    .addSelect('municipality.latitude', 'latitude')
    .addSelect('municipality.longitude', 'longitude')
    .addSelect('seat.id', 'registration_id')
    .addSelect('seat.seminar_id', 'seminar_id')
    .addSelect('seat.state', 'state')
    .where('member.cycle_id = :cycleId', { cycleId })
    .andWhere('member.erased_at IS NULL')
    .andWhere(
      'EXISTS (SELECT 1 FROM invitations invitation WHERE invitation.member_id = member.id AND invitation.cycle_id = :cycleId AND invitation.purpose = :invitationPurpose)',
      { invitationPurpose: 'invitation' },
    )
    .orderBy('member.id')
    .getRawMany();

  const unseatedIds: number[] = [];
  const candidates = memberRows.filter((row) => {
    if (row.registration_id === null) {
      unseatedIds.push(Number(row.member_id));
      return true;
    }
    if (scope.replan?.capacity != null)
      return row.state === 'registered' && Number(row.seminar_id) === scope.replan.seminarId;
    return scope.rebalance && row.state === 'registered' && offered.has(Number(row.seminar_id));
  });

  const preferences = await m.find(MemberPreference, { where: { cycleId } });
  const wishes = new Map<number, { ranks: { seminarId: number; rank: number }[]; excluded: number[] }>();
  for (const p of preferences) {
    if (!offered.has(p.seminarId)) continue;
    const own = wishes.get(p.memberId) ?? { ranks: [], excluded: [] };
    if (p.excluded) own.excluded.push(p.seminarId);
    else if (p.rank !== null) own.ranks.push({ seminarId: p.seminarId, rank: p.rank });
    wishes.set(p.memberId, own);
  }

  const cancelledRows: Array<{ member_id: number; seminar_id: number; title: string }> =
    unseatedIds.length === 0
      ? []
      : await m
          .createQueryBuilder(Registration, 'seat')
          .innerJoin(Seminar, 'seminar', 'seminar.id = seat.seminar_id')
          .select('seat.member_id', 'member_id')
          .addSelect('seat.seminar_id', 'seminar_id')
          .addSelect('seminar.title', 'title')
          .where('seat.cycle_id = :cycleId', { cycleId })
          .andWhere('seat.state = :cancelled AND seminar.status = :cancelled', { cancelled: 'cancelled' })
          .orderBy('seat.id')
          .getRawMany();
  const unseated = new Set(unseatedIds);
  const cancelledFor = new Map(
    cancelledRows
      .filter((row) => unseated.has(Number(row.member_id)))
      .map((row) => [Number(row.member_id), { seminarId: Number(row.seminar_id), title: row.title }]),
  );

  const partyNames = new Map<string, string>();
  const members: CandidateMember[] = candidates.map((row) => {
    const id = Number(row.member_id);
    const party = partyKey(row.list_letter, Number(row.municipality_code), national);
    partyNames.set(party, `${row.list_letter} ${row.list_name}`);
    return {
      id,
      name: row.name,
      municipalityCode: Number(row.municipality_code),
      party,
      origin: { latitude: Number(row.latitude), longitude: Number(row.longitude) },
      preferences: wishes.get(id)?.ranks ?? [],
      excluded: wishes.get(id)?.excluded ?? [],
      cancelledSeminar: cancelledFor.get(id) ?? null,
      seat:
        row.registration_id === null
          ? null
          : { registrationId: Number(row.registration_id), seminarId: Number(row.seminar_id) },
    };
  });

  const seatedRows: Array<{
    seminar_id: number;
    municipality_code: number;
    list_letter: string;
    seats: string | number;
  }> =
    offered.size === 0
      ? []
      : await m
          .createQueryBuilder(Registration, 'seat')
          .innerJoin('seat.member', 'member')
          .select('seat.seminar_id', 'seminar_id')
          .addSelect('member.municipality_code', 'municipality_code')
          .addSelect('member.list_letter', 'list_letter')
          .addSelect('COUNT(*)', 'seats')
          .where('seat.seminar_id IN (:...ids)', { ids: [...offered] })
          .andWhere('seat.state IN (:...held)', { held: PLACE_HOLDING })
          .groupBy('seat.seminar_id')
          .addGroupBy('member.municipality_code')
          .addGroupBy('member.list_letter')
          .getRawMany();
  const seatedAt = new Map<number, Map<number, number>>();
  const seatedPartyAt = new Map<number, Map<string, number>>();
  const add = <K>(at: Map<number, Map<K, number>>, seminarId: number, key: K, n: number) => {
    const bySeminar = at.get(seminarId) ?? new Map<K, number>();
    bySeminar.set(key, (bySeminar.get(key) ?? 0) + n);
    at.set(seminarId, bySeminar);
  };
  for (const row of seatedRows) {
    const code = Number(row.municipality_code);
    add(seatedAt, Number(row.seminar_id), code, Number(row.seats));
    add(seatedPartyAt, Number(row.seminar_id), partyKey(row.list_letter, code, national), Number(row.seats));
  }
  // Rebalanced members' seats are free in the input and do not count towards K.
  const freed = new Map<number, number>();
  for (const member of members) {
    if (!member.seat) continue;
    const { seminarId } = member.seat;
    freed.set(seminarId, (freed.get(seminarId) ?? 0) + 1);
    add(seatedAt, seminarId, member.municipalityCode, -1);
    add(seatedPartyAt, seminarId, member.party!, -1);
  }

  const seminars: OfferedSeminar[] = seminarRows.map((s) => ({
    id: s.id,
    title: s.title,
    town: s.venue!.town,
    startsAt: s.startsAt,
    venue: { latitude: s.venue!.latitude, longitude: s.venue!.longitude },
    capacity: s.capacity,
    taken: s.taken,
    freeSeats: Math.max(0, s.capacity - s.taken) + (freed.get(s.id) ?? 0),
    seated: [...(seatedAt.get(s.id) ?? new Map<number, number>())]
      .filter(([, count]) => count > 0)
      .map(([municipalityCode, count]) => ({ municipalityCode, count })),
    seatedParties: [...(seatedPartyAt.get(s.id) ?? new Map<string, number>())]
      .filter(([, count]) => count > 0)
      .map(([party, count]) => ({ party, count })),
  }));

  const codes = [
    ...new Set([
      ...members.map((mb) => mb.municipalityCode),
      ...seatedRows.map((r) => Number(r.municipality_code)),
    ]),
  ];
  const municipalities = codes.length === 0 ? [] : await m.find(Municipality, { where: { code: In(codes) } });

  const version = await m
    .createQueryBuilder(RegistrationEvent, 'event')
    .select('MAX(event.id)', 'version')
    .where('event.cycle_id = :cycleId', { cycleId })
    .andWhere('event.kind <> :issued', { issued: 'invitation_issued' })
    .getRawOne<{ version: number | string | null }>();

  return {
    members,
    seminars,
    municipalityNames: new Map(municipalities.map((mu) => [mu.code, mu.name])),
    partyNames,
    fingerprint: fingerprintOf(seminars, unseatedIds, Number(version?.version ?? 0)),
  };
}
