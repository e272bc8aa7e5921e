import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Transactor } from '../database/transactor';
import { ReferenceService } from '../reference/reference.service';
import { Caller, checkMunicipality } from './caller';
import { CyclesService } from './cycles.service';
import {
  CreateMemberDto,
  MemberFilterDto,
  MemberListQueryDto,
  MemberPage,
  UpdateMemberDto,
} from './dto/member.dto';
import { AuditLogService } from './gdpr/audit-log.service';
import {
  buildReferenceLookup,
  normalizeEmail,
  ReferenceLookup,
  resolveList,
  searchTextOf,
} from './member-rules';
import { Member } from './member.entity';
import { Dialect, isUniqueViolation } from '../database/dialect';
import { hydrated } from '../database/hydrated';

const EMAIL_TAKEN = () =>
  new DomainError('conflict', 'member.email_taken', 'Another member of this cycle has this e-mail', [
    { field: 'email', reason: 'already used by another member of the cycle' },
  ]);

const REQUIRED = ['name', 'email', 'municipalityCode', 'listLetter', 'newlyElected'] as const;

@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(Member) private readonly members: Repository<Member>,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditLogService,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  async list(cycleId: number, query: MemberListQueryDto, caller: Caller): Promise<MemberPage<Member>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [items, total] = await (
      await this.filtered(cycleId, query, caller)
    )
      .orderBy('m.municipality_code', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  /**
   * The cycle's members matching the filters, within what the caller may see. A municipal contact
   * who filters on another municipality or a region without their own is refused, not given an empty list.
   */
  async filtered(
    cycleId: number,
    filter: MemberFilterDto,
    caller: Caller,
  ): Promise<SelectQueryBuilder<Member>> {
    await this.cycles.get(cycleId);
    return this.filteredIn(cycleId, filter, caller);
  }

  /** As filtered, in a cycle the caller has read already (so not read again to find it exists). */
  async filteredIn(
    cycleId: number,
    filter: MemberFilterDto,
    caller: Caller,
  ): Promise<SelectQueryBuilder<Member>> {
    const { where, params } = await this.filterIn(cycleId, filter, caller);
    return this.members.createQueryBuilder('m').where(where, params);
  }

  /**
   * The filters as SQL on members `m` with `:name` parameters, within what the caller may see (a
   * refusal as for filtered): for the register's plain statements, which TypeORM's query building
   * cost more than.
   */
  async filterIn(
    cycleId: number,
    filter: MemberFilterDto,
    caller: Caller,
  ): Promise<{ where: string; params: Record<string, unknown> }> {
    if (filter.municipality !== undefined) checkMunicipality(caller, filter.municipality);
    if (filter.region !== undefined && caller.municipalityCode !== null) {
      const own = await this.reference.getMunicipality(caller.municipalityCode);
      if (own.regionCode !== filter.region) {
        throw new DomainError(
          'forbidden',
          'member.region_not_allowed',
          `Region ${filter.region} holds no members this account may see`,
        );
      }
    }
    const conditions = ['m.cycle_id = :cycleId'];
    const params: Record<string, unknown> = { cycleId };
    const municipality = caller.municipalityCode ?? filter.municipality;
    if (municipality !== undefined) {
      conditions.push('m.municipality_code = :municipality');
      params.municipality = municipality;
    }
    if (filter.region !== undefined) {
      conditions.push('m.municipality_code IN (SELECT code FROM municipalities WHERE region_code = :region)');
      params.region = filter.region;
    }
    if (filter.list) {
      conditions.push('m.list_letter = :list');
      params.list = filter.list.toUpperCase();
    }
    if (filter.newlyElected !== undefined) {
      conditions.push('m.newly_elected = :newlyElected');
      // 1 or 0: a boolean binds on neither engine's raw statements as SQLite's driver takes it.
      params.newlyElected = filter.newlyElected ? 1 : 0;
    }
    const words = filter.q?.trim() ? filter.q.trim().toLowerCase().split(/\s+/) : [];
    words.forEach((word, i) => {
      conditions.push(`m.search_text LIKE :q${i}`);
      params[`q${i}`] = `%${word.replace(/[%_]/g, '')}%`;
    });
    return { where: conditions.join(' AND '), params };
  }

  async get(cycleId: number, id: number, caller: Caller): Promise<Member> {
    // The member first, in one plain statement (the member page reads it on every view): a member
    // found has its cycle, so only a miss asks whether the cycle or the member is missing.
    const member = await this.transactor.read(async (m) => {
      const { rows } = await this.dialect.raw<Record<string, unknown>>(
        m,
        'SELECT * FROM members WHERE id = :id AND cycle_id = :cycleId',
        { id, cycleId },
      );
      return rows.length === 0 ? null : hydrated(m, Member, rows[0]);
    });
    if (!member) {
      await this.cycles.get(cycleId);
      throw DomainError.notFound('Member', id);
    }
    checkMunicipality(caller, member.municipalityCode);
    return member;
  }

  async create(cycleId: number, input: CreateMemberDto, caller: Caller): Promise<Member> {
    await this.cycles.get(cycleId);
    checkMunicipality(caller, input.municipalityCode);
    const lookup = await this.lookup();
    const email = normalizeEmail(input.email);
    this.checkMunicipalityExists(lookup, input.municipalityCode);
    await this.checkEmailFree(cycleId, email);
    const list = this.resolveListOrFail(lookup, input.listLetter, input.listName);
    const saved = await this.saveUnique(() =>
      this.transactor.run(async (manager) => {
        const row = await manager.save(
          manager.create(Member, {
            cycleId,
            name: input.name.trim(),
            email,
            phone: input.phone ?? null,
            municipalityCode: input.municipalityCode,
            listLetter: list.letter,
            listName: list.name,
            newlyElected: input.newlyElected,
            role: input.role ?? 'member',
            diet: input.diet ?? null,
            accessibility: input.accessibility ?? null,
            note: input.note ?? null,
            searchText: searchTextOf(input.name.trim(), email),
            erasedAt: null,
          }),
        );
        await this.audit.record(caller, [{ action: 'member.create', cycleId, memberId: row.id }], manager);
        return row;
      }),
    );
    return this.get(cycleId, saved.id, caller);
  }

  async update(cycleId: number, id: number, change: UpdateMemberDto, caller: Caller): Promise<Member> {
    const cleared = REQUIRED.filter((field) => change[field] === null);
    if (cleared.length > 0) {
      throw new DomainError(
        'validation_failed',
        'member.fields_required',
        `${cleared.join(', ')} cannot be empty`,
        cleared.map((field) => ({ field, reason: 'cannot be empty' })),
      );
    }
    const member = await this.get(cycleId, id, caller);
    if (member.erasedAt)
      throw new DomainError(
        'conflict',
        'member.erased',
        `Member ${id} has been erased and cannot be changed`,
      );
    const lookup = await this.lookup();
    if (change.municipalityCode !== undefined) {
      checkMunicipality(caller, change.municipalityCode);
      this.checkMunicipalityExists(lookup, change.municipalityCode);
    }
    const email = change.email === undefined ? member.email : normalizeEmail(change.email);
    if (email !== member.email && email) await this.checkEmailFree(cycleId, email);
    const list =
      change.listLetter !== undefined || change.listName !== undefined
        ? this.resolveListOrFail(
            lookup,
            change.listLetter ?? member.listLetter,
            change.listName ?? (change.listLetter !== undefined ? undefined : member.listName),
          )
        : { letter: member.listLetter, name: member.listName };
    const next = {
      name: change.name?.trim() ?? member.name,
      email,
      phone: change.phone === undefined ? member.phone : change.phone,
      municipalityCode: change.municipalityCode ?? member.municipalityCode,
      listLetter: list.letter,
      listName: list.name,
      newlyElected: change.newlyElected ?? member.newlyElected,
      role: change.role ?? member.role,
      diet: change.diet === undefined ? member.diet : change.diet,
      accessibility: change.accessibility === undefined ? member.accessibility : change.accessibility,
      note: change.note === undefined ? member.note : change.note,
    };
    await this.saveUnique(() =>
      this.transactor.run(async (manager) => {
        await manager.update(Member, id, { ...next, searchText: searchTextOf(next.name, next.email) });
        await this.audit.record(
          caller,
          [{ action: 'member.update', cycleId, memberId: id, details: { fields: Object.keys(change) } }],
          manager,
        );
      }),
    );
    return this.get(cycleId, id, caller);
  }

  async remove(cycleId: number, id: number, caller: Caller): Promise<void> {
    await this.get(cycleId, id, caller);
    await this.transactor.run(async (manager) => {
      await manager.delete(Member, id);
      await this.audit.record(caller, [{ action: 'member.delete', cycleId, memberId: id }], manager);
    });
  }

  /** The member's own diet and accessibility needs, from their personal page (empty clears them). */
  saveNeeds(id: number, needs: { diet: string; accessibility: string }): Promise<void> {
    return this.transactor.run(async (manager) => {
      await manager.update(Member, id, {
        diet: needs.diet || null,
        accessibility: needs.accessibility || null,
      });
    });
  }

  async lookup(): Promise<ReferenceLookup> {
    const [municipalities, parties] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listParties(),
    ]);
    return buildReferenceLookup(municipalities, parties);
  }

  private checkMunicipalityExists(lookup: ReferenceLookup, code: number): void {
    if (lookup.regionOf(code) === undefined) {
      throw new DomainError(
        'validation_failed',
        'member.municipality_unknown',
        `Municipality ${code} does not exist`,
        [{ field: 'municipalityCode', reason: 'unknown municipality' }],
      );
    }
  }

  private resolveListOrFail(lookup: ReferenceLookup, letter: string, name: string | undefined) {
    const list = resolveList(letter, name ?? null, lookup);
    if ('problem' in list) {
      throw new DomainError('validation_failed', 'member.list_invalid', `listName: ${list.problem}`, [
        { field: 'listName', reason: list.problem },
      ]);
    }
    return list;
  }

  /** The e-mail check and the write are apart; the unique index settles a race between them. */
  private async saveUnique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw EMAIL_TAKEN();
      throw error;
    }
  }

  private async checkEmailFree(cycleId: number, email: string): Promise<void> {
    if (await this.members.existsBy({ cycleId, email })) throw EMAIL_TAKEN();
  }
}
