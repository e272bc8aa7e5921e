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
  RegisterContact,
  RegisterRow,
  registerCsv,
  RegisterSort,
  RegisterStatus,
  SEAT_IN_WAVE,
  StoredCount,
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

/**
 * The member's columns a register row shows (reading the rest of each row cost more than the
 * statement), the status the database keeps among them.
 */
const LISTED = `m.id, m.name, m.email, m.phone, m.municipality_code, m.list_letter, m.list_name,
  m.newly_elected, m.role, m.erased_at, m.participation_status`;
interface ListedRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  municipality_code: number;
  list_letter: string;
  list_name: string;
  newly_elected: boolean | number;
  role: MemberRole;
  erased_at: unknown;
  participation_status: ParticipationStatus;
}

/** A list of the register as the parts of a plain statement on members `m`. */
interface Listing {
  from: string;
  where: string;
  order: string;
  params: Record<string, unknown>;
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
    const listing = await this.listing(cycleId, query, caller);
    const found = await this.read<ListedRow>(this.rowsSql(listing, 'LIMIT :limit OFFSET :offset'), {
      ...listing.params,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const [{ total }] = await this.read<{ total: number }>(
      `SELECT COUNT(*) AS "total" FROM members m WHERE ${listing.where}`,
      listing.params,
    );
    return { rows: await this.rowsOf(found), total: Number(total) };
  }

  /**
   * The first `n` of the list as contacts, without counting them all (the board has its counts
   * already); only the columns a contact shows, as reading whole register rows took twice as long.
   */
  async firstContacts(
    cycleId: number,
    query: RegisterQuery,
    caller: Caller,
    n: number,
  ): Promise<RegisterContact[]> {
    const listing = await this.listing(cycleId, query, caller);
    const [found, municipalities] = await Promise.all([
      this.read<Pick<ListedRow, 'id' | 'name' | 'email' | 'municipality_code'>>(
        this.rowsSql(listing, 'LIMIT :limit', 'm.id, m.name, m.email, m.municipality_code'),
        { ...listing.params, limit: n },
      ),
      this.reference.listMunicipalities(),
    ]);
    const names = new Map(municipalities.map((mu) => [mu.code, mu.name]));
    return found.map((row) => {
      const code = Number(row.municipality_code);
      return {
        id: Number(row.id),
        name: row.name,
        email: row.email,
        municipalityName: names.get(code) ?? String(code),
      };
    });
  }

  /** How many members each status selects, the query's own status aside, in one statement (the board's counts). */
  async counts(
    cycleId: number,
    query: Omit<RegisterQuery, 'status'>,
    caller: Caller,
    statuses: readonly RegisterStatus[],
  ): Promise<Map<RegisterStatus, number>> {
    const { where, params } = await this.members.filterIn(cycleId, query, caller);
    if (query.waveId === undefined) {
      // A cycle's board counts the statuses and flags the database keeps on each member: grouped
      // by all three, as counting the flags in CASEs cost more than the statement's scan.
      const rows = await this.read<StoredCount>(
        `SELECT m.participation_status AS "status", m.invited AS "invited", m.opened AS "opened",
           COUNT(*) AS "members"
         FROM members m WHERE ${where} GROUP BY m.participation_status, m.invited, m.opened`,
        params,
      );
      return countsOfStored(rows, statuses);
    }
    // A wave's board counts seats at the wave's seminars only, which no stored status says.
    const sums = statuses.map(
      (status, i) => `SUM(CASE WHEN ${waveStatusCondition(status)} THEN 1 ELSE 0 END) AS "n${i}"`,
    );
    const [row] = await this.read<Record<string, unknown>>(
      `SELECT ${sums.join(', ')} FROM members m WHERE ${where} AND ${SEAT_IN_WAVE}`,
      { ...params, wave: query.waveId },
    );
    // No member selected: SUM over no rows is NULL.
    return new Map(statuses.map((status, i) => [status, Number(row?.[`n${i}`] ?? 0)]));
  }

  /** Every row the list shows (all its pages), as CSV; recorded in the audit log like the API's export. */
  async csv(cycleId: number, query: RegisterQuery, caller: Caller): Promise<string> {
    const listing = await this.listing(cycleId, query, caller);
    const found = await this.read<ListedRow>(this.rowsSql(listing, ''), listing.params);
    await this.audit.record(caller, [
      { action: 'members.export', cycleId, details: { members: found.length, from: 'console' } },
    ]);
    return registerCsv(await this.rowsOf(found));
  }

  /** Where one member stands in the funnel, as the database keeps it. */
  async statusOf(member: Member): Promise<ParticipationStatus> {
    const [{ status }] = await this.read<{ status: ParticipationStatus }>(
      'SELECT participation_status AS "status" FROM members WHERE id = :id',
      { id: member.id },
    );
    return status;
  }

  /**
   * The list as plain SQL: the members' filters (MembersService.filterIn), a wave's seats, the
   * status, the order. TypeORM's building and reading of these statements cost more than running them.
   */
  private async listing(cycleId: number, query: RegisterQuery, caller: Caller): Promise<Listing> {
    const { where, params } = await this.members.filterIn(cycleId, query, caller);
    const conditions = [where];
    const wave = query.waveId !== undefined;
    if (wave) {
      conditions.push(SEAT_IN_WAVE);
      params.wave = query.waveId;
    }
    if (query.status)
      conditions.push(wave ? waveStatusCondition(query.status) : storedStatusCondition(query.status));
    const direction = query.descending ? 'DESC' : 'ASC';
    const byMunicipality = query.sort === 'kommune';
    const order = byMunicipality
      ? `mu.name ${direction}, m.name ASC`
      : query.sort === 'liste'
        ? `m.list_letter ${direction}, m.name ASC`
        : `m.name ${direction}`;
    return {
      from: byMunicipality
        ? 'members m LEFT JOIN municipalities mu ON mu.code = m.municipality_code'
        : 'members m',
      where: conditions.join(' AND '),
      order: `${order}, m.id ASC`,
      params,
    };
  }

  private rowsSql({ from, where, order }: Listing, limit: string, columns = LISTED): string {
    return `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY ${order} ${limit}`;
  }

  /** A plain read, not a transaction: on SQLite a transaction waits behind every booking in the write queue. */
  private async read<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    return (await this.transactor.read((m) => this.dialect.raw<T>(m, sql, params))).rows;
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
      const code = Number(row.municipality_code);
      const home = municipality.get(code);
      return {
        id: Number(row.id),
        name: row.name,
        email: row.email,
        phone: row.phone,
        municipalityName: home?.name ?? String(code),
        regionName: (home && region.get(home.regionCode)) ?? '',
        listLetter: row.list_letter,
        listName: row.list_name,
        newlyElected: Boolean(row.newly_elected),
        role: row.role,
        status: row.participation_status,
        erased: row.erased_at !== null,
      };
    });
  }
}
