import { Injectable } from '@nestjs/common';
import { ReferenceService } from '../../reference/reference.service';
import { Caller } from '../caller';
import { CyclesService } from '../cycles.service';
import { MemberFilterDto } from '../dto/member.dto';
import { AuditLogService } from '../gdpr/audit-log.service';
import { MembersService } from '../members.service';
import { membersToCsv } from './members-csv';

@Injectable()
export class MemberExportService {
  constructor(
    private readonly cycles: CyclesService,
    private readonly members: MembersService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditLogService,
  ) {}

  /** The filtered register as CSV; erased members are left out as they hold nothing personal. */
  async csv(
    cycleId: number,
    filter: MemberFilterDto,
    caller: Caller,
  ): Promise<{ filename: string; body: string }> {
    const cycle = await this.cycles.get(cycleId);
    const query = await this.members.filtered(cycleId, filter, caller);
    const found = await query
      .andWhere('m.erased_at IS NULL')
      .orderBy('m.municipality_code', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const [municipalities, regions] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
    ]);
    const municipality = new Map(municipalities.map((m) => [m.code, m]));
    const region = new Map(regions.map((r) => [r.code, r.name]));
    await this.audit.record(caller, [
      { action: 'members.export', cycleId, details: { members: found.length } },
    ]);
    const body = membersToCsv(
      found.map((m) => {
        const home = municipality.get(m.municipalityCode);
        return {
          ...m,
          municipalityName: home?.name ?? String(m.municipalityCode),
          regionName: (home && region.get(home.regionCode)) ?? '',
        };
      }),
    );
    return { filename: `medlemmer-${cycle.code}.csv`, body };
  }
}
