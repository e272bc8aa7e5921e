import { Injectable } from '@nestjs/common';
import { Caller } from '../cycles/caller';
import { MemberFilterDto } from '../cycles/dto/member.dto';
import { AuditLogService } from '../cycles/gdpr/audit-log.service';
import { Member, MemberRole } from '../cycles/member.entity';
import { MembersService } from '../cycles/members.service';
import { Dialect } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { ReferenceService } from '../reference/reference.service';
import { ParticipationStatus } from './participation';
import {
  countsOfStored,
  RegisterRow,
  registerCsv,
  RegisterSort,
  RegisterStatus,
  SEAT_IN_WAVE,
  storedStatusCondition,
  waveStatusCondition,
} from './member-register';

export interface RegisterQuery extends MemberFilterDto {
  status?: RegisterStatus;
  /** Seat statuses at this wave's seminars only (see waveStatusCondition). */
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
/** A listed member as the statement gives it: TypeORM names each column `m_<column>`. */
interface ListedRow {
  m_id: number;
  m_name: string;
  m_email: string | null;
  m_phone: string | null;
  m_municipality_code: number;
  m_list_letter: string;
  m_list_name: string;
  m_newly_elected: boolean | number;
  m_role: MemberRole;
  m_erased_at: unknown;
  m_participation_status: ParticipationStatus;
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
    // offset/limit, not skip/take: only many-to-one joins, so no row is repeated.
    const found = await qb
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<ListedRow>();
    return { rows: await this.rowsOf(found), total: await qb.getCount() };
  }

  /** The first `n` rows of the list, without counting them all (the board has its counts already). */
  async firstRows(cycleId: number, query: RegisterQuery, caller: Caller, n: number): Promise<RegisterRow[]> {
    const qb = await this.query(cycleId, query, caller);
    return this.rowsOf(await qb.limit(n).getRawMany<ListedRow>());
  }

  /** How many members each status selects, the query's own status aside, in one statement (the board's counts). */
  async counts(
    cycleId: number,
    query: Omit<RegisterQuery, 'status'>,
    caller: Caller,
    statuses: readonly RegisterStatus[],
  ): Promise<Map<RegisterStatus, number>> {
    const qb = await this.members.filteredIn(cycleId, query, caller);
    if (query.waveId === undefined) {
      // A cycle's board counts the statuses the database keeps on each member.
      const rows = await qb
        .select('m.participation_status', 'status')
        .addSelect('COUNT(*)', 'members')
        .addSelect('SUM(CASE WHEN m.invited THEN 1 ELSE 0 END)', 'invited')
        .addSelect('SUM(CASE WHEN m.opened THEN 1 ELSE 0 END)', 'opened')
        .groupBy('m.participation_status')
        .getRawMany<{ status: ParticipationStatus; members: number; invited: number; opened: number }>();
      return countsOfStored(rows, statuses);
    }
    // A wave's board counts seats at the wave's seminars only, which no stored status says.
    qb.andWhere(SEAT_IN_WAVE, { wave: query.waveId });
    qb.select(`SUM(CASE WHEN ${waveStatusCondition(statuses[0])} THEN 1 ELSE 0 END)`, 'n0');
    statuses
      .slice(1)
      .forEach((status, i) =>
        qb.addSelect(`SUM(CASE WHEN ${waveStatusCondition(status)} THEN 1 ELSE 0 END)`, `n${i + 1}`),
      );
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    // No member selected: SUM over no rows is NULL.
    return new Map(statuses.map((status, i) => [status, Number(row[`n${i}`] ?? 0)]));
  }

  /** Every row the list shows (all its pages), as CSV; recorded in the audit log like the API's export. */
  async csv(cycleId: number, query: RegisterQuery, caller: Caller): Promise<string> {
    const found = await (await this.query(cycleId, query, caller)).getRawMany<ListedRow>();
    await this.audit.record(caller, [
      { action: 'members.export', cycleId, details: { members: found.length, from: 'console' } },
    ]);
    return registerCsv(await this.rowsOf(found));
  }

  /** Where one member stands in the funnel, as the database keeps it. */
  async statusOf(member: Member): Promise<ParticipationStatus> {
    const { rows } = await this.transactor.read((m) =>
      this.dialect.raw<{ status: ParticipationStatus }>(
        m,
        'SELECT participation_status AS "status" FROM members WHERE id = :id',
        { id: member.id },
      ),
    );
    return rows[0].status;
  }

  private async query(cycleId: number, query: RegisterQuery, caller: Caller) {
    const qb = (await this.members.filteredIn(cycleId, query, caller))
      .select(LISTED.map((c) => `m.${c}`))
      // Kept by the database's triggers (member-register.ts), so no column of the entity.
      .addSelect('m.participation_status', 'm_participation_status');
    const wave = query.waveId !== undefined;
    if (wave) qb.andWhere(SEAT_IN_WAVE, { wave: query.waveId });
    if (query.status)
      qb.andWhere(wave ? waveStatusCondition(query.status) : storedStatusCondition(query.status), {
        wave: query.waveId,
      });
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

  /**
   * The members with their municipality and region, each with the status the database keeps. Read
   * raw: TypeORM's hydration of a page's 50–100 members cost more than their statement.
   */
  private async rowsOf(found: ListedRow[]): Promise<RegisterRow[]> {
    const [municipalities, regions] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
    ]);
    const municipality = new Map(municipalities.map((mu) => [mu.code, mu]));
    const region = new Map(regions.map((r) => [r.code, r.name]));
    return found.map((row) => {
      const code = Number(row.m_municipality_code);
      const home = municipality.get(code);
      return {
        id: Number(row.m_id),
        name: row.m_name,
        email: row.m_email,
        phone: row.m_phone,
        municipalityName: home?.name ?? String(code),
        regionName: (home && region.get(home.regionCode)) ?? '',
        listLetter: row.m_list_letter,
        listName: row.m_list_name,
        newlyElected: Boolean(row.m_newly_elected),
        role: row.m_role,
        status: row.m_participation_status,
        erased: row.m_erased_at !== null,
      };
    });
  }
}
