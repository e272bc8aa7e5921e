import { Injectable } from '@nestjs/common';
import { Caller } from '../cycles/caller';
import { MemberFilterDto } from '../cycles/dto/member.dto';
import { AuditLogService } from '../cycles/gdpr/audit-log.service';
import { Member } from '../cycles/member.entity';
import { MembersService } from '../cycles/members.service';
import { Dialect } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { ReferenceService } from '../reference/reference.service';
import { SeatState } from '../registrations/seat-state';
import { ParticipationStatus, participationStatus } from './participation';
import {
  RegisterRow,
  registerCsv,
  RegisterSort,
  RegisterStatus,
  SEAT_IN_WAVE,
  statusCondition,
  statusFlag,
  statusFlagJoins,
} from './member-register';

export interface RegisterQuery extends MemberFilterDto {
  status?: RegisterStatus;
  /** Seat statuses at this wave's seminars only (see statusCondition). */
  waveId?: number;
  sort?: RegisterSort;
  descending?: boolean;
}

/** The member's columns a register row shows: reading the rest of each row cost more than the statement. */
const LISTED = [
  'id',
  'name',
  'email',
  'phone',
  'municipalityCode',
  'listLetter',
  'listName',
  'newlyElected',
  'role',
  'erasedAt',
] as const satisfies ReadonlyArray<keyof Member>;
type ListedMember = Pick<Member, (typeof LISTED)[number]>;

/**
 * What decides the status of the members `:ids`: a live invitation, each seat (newest first, as
 * participationStatus reads them) and a decline, each by its (cycle_id, member_id) index.
 */
const STATUS_FACTS = `
  SELECT 'invited' AS kind, member_id, NULL AS state, 0 AS id FROM invitations
    WHERE cycle_id = :cycleId AND member_id IN (:...ids) AND purpose = 'invitation' AND revoked_at IS NULL
  UNION ALL SELECT 'seat', member_id, state, id FROM registrations
    WHERE cycle_id = :cycleId AND member_id IN (:...ids)
  UNION ALL SELECT 'declined', member_id, NULL, 0 FROM invitation_declines
    WHERE cycle_id = :cycleId AND member_id IN (:...ids)
  ORDER BY id DESC`;
interface StatusFact {
  kind: 'invited' | 'seat' | 'declined';
  member_id: number;
  state: SeatState | null;
  id: number;
}

/**
 * The member register as the console shows it: the cycle's members filtered (within what the
 * caller may see), by funnel status too, sorted and paged in the database, each with its status.
 * Every caller has read the cycle already (a page's 404 for an unknown one), so it is not read again.
 */
@Injectable()
export class MemberRegisterService {
  constructor(
    private readonly members: MembersService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditLogService,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  async page(cycleId: number, query: RegisterQuery, caller: Caller, page: number, pageSize: number) {
    const qb = await this.query(cycleId, query, caller);
    const [found, total] = await qb
      // offset/limit, not skip/take: only many-to-one joins, so no row is repeated.
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { rows: await this.rowsOf(cycleId, found), total };
  }

  /** The first `n` rows of the list, without counting them all (the board has its counts already). */
  async firstRows(cycleId: number, query: RegisterQuery, caller: Caller, n: number): Promise<RegisterRow[]> {
    const qb = await this.query(cycleId, query, caller);
    return this.rowsOf(cycleId, await qb.limit(n).getMany());
  }

  /** How many members each status selects, the query's own status aside, in one statement (the board's counts). */
  async counts(
    cycleId: number,
    query: Omit<RegisterQuery, 'status'>,
    caller: Caller,
    statuses: readonly RegisterStatus[],
  ): Promise<Map<RegisterStatus, number>> {
    const qb = await this.members.filteredIn(cycleId, query, caller);
    const wave = query.waveId !== undefined;
    if (wave) qb.andWhere(SEAT_IN_WAVE, { wave: query.waveId });
    for (const [alias, subQuery] of statusFlagJoins(wave))
      qb.leftJoin(subQuery, alias, `${alias}.member_id = m.id`);
    qb.select(`SUM(CASE WHEN ${statusFlag(statuses[0], wave)} THEN 1 ELSE 0 END)`, 'n0');
    statuses
      .slice(1)
      .forEach((status, i) =>
        qb.addSelect(`SUM(CASE WHEN ${statusFlag(status, wave)} THEN 1 ELSE 0 END)`, `n${i + 1}`),
      );
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    // No member selected: SUM over no rows is NULL.
    return new Map(statuses.map((status, i) => [status, Number(row[`n${i}`] ?? 0)]));
  }

  /** Every row the list shows (all its pages), as CSV; recorded in the audit log like the API's export. */
  async csv(cycleId: number, query: RegisterQuery, caller: Caller): Promise<string> {
    const found = await (await this.query(cycleId, query, caller)).getMany();
    await this.audit.record(caller, [
      { action: 'members.export', cycleId, details: { members: found.length, from: 'console' } },
    ]);
    return registerCsv(await this.rowsOf(cycleId, found));
  }

  /** Where one member stands in the funnel. */
  async statusOf(member: Member): Promise<ParticipationStatus> {
    return (await this.rowsOf(member.cycleId, [member]))[0].status;
  }

  private async query(cycleId: number, query: RegisterQuery, caller: Caller) {
    const qb = (await this.members.filteredIn(cycleId, query, caller)).select(LISTED.map((c) => `m.${c}`));
    const wave = query.waveId !== undefined;
    if (wave) qb.andWhere(SEAT_IN_WAVE, { wave: query.waveId });
    if (query.status) qb.andWhere(statusCondition(query.status, wave), { wave: query.waveId });
    const direction = query.descending ? 'DESC' : 'ASC';
    if (query.sort === 'kommune') {
      qb.leftJoin('m.municipality', 'mu').orderBy('mu.name', direction).addOrderBy('m.name', 'ASC');
    } else if (query.sort === 'liste') {
      qb.orderBy('m.list_letter', direction).addOrderBy('m.name', 'ASC');
    } else {
      qb.orderBy('m.name', direction);
    }
    return qb.addOrderBy('m.id', 'ASC');
  }

  /** The members with their municipality, region and status (one statement for the whole page). */
  private async rowsOf(cycleId: number, found: ListedMember[]): Promise<RegisterRow[]> {
    const ids = found.map((m) => m.id);
    // A read, not a transaction: the members were read outside one anyway, and on SQLite a
    // transaction waits behind every booking in the write queue. One plain statement for what
    // decides each status: three TypeORM finds cost more than the rows they read.
    const facts =
      ids.length === 0
        ? []
        : (await this.transactor.read((m) => this.dialect.raw<StatusFact>(m, STATUS_FACTS, { cycleId, ids })))
            .rows;
    const [municipalities, regions] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
    ]);
    const invitedIds = new Set<number>();
    const declined = new Set<number>();
    const seatsOf = new Map<number, Array<{ id: number; state: SeatState }>>();
    for (const fact of facts) {
      const memberId = Number(fact.member_id);
      if (fact.kind === 'invited') invitedIds.add(memberId);
      else if (fact.kind === 'declined') declined.add(memberId);
      else
        seatsOf.set(memberId, [
          ...(seatsOf.get(memberId) ?? []),
          { id: Number(fact.id), state: fact.state! },
        ]);
    }
    const municipality = new Map(municipalities.map((mu) => [mu.code, mu]));
    const region = new Map(regions.map((r) => [r.code, r.name]));
    return found.map((member) => {
      const home = municipality.get(member.municipalityCode);
      return {
        id: member.id,
        name: member.name,
        email: member.email,
        phone: member.phone,
        municipalityName: home?.name ?? String(member.municipalityCode),
        regionName: (home && region.get(home.regionCode)) ?? '',
        listLetter: member.listLetter,
        listName: member.listName,
        newlyElected: member.newlyElected,
        role: member.role,
        status: participationStatus(
          invitedIds.has(member.id),
          seatsOf.get(member.id) ?? [],
          declined.has(member.id),
        ),
        erased: member.erasedAt !== null,
      };
    });
  }
}
