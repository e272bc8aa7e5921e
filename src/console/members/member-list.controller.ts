import { Get, Param, ParseIntPipe, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { callerOf } from '../../cycles/caller';
import { CyclesService } from '../../cycles/cycles.service';
import { REGISTER_STATUSES, STATUS_IN_DANISH } from '../../invitations/member-register';
import { MemberRegisterService } from '../../invitations/member-register.service';
import { ReferenceService } from '../../reference/reference.service';
import { PageRequest } from '../../web/page-request';
import { download } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { areaChoices } from '../participation/area-choices';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { danishCount } from '../statistics/dashboard-view';
import { listHref, PAGE_SIZE, pager, registerQuery, sortLink } from './member-list-view';
import { MemberListQuery } from './member-list.query';

function countText(first: number, shown: number, total: number): string {
  if (total === 0) return 'Ingen medlemmer passer på søgningen.';
  if (total === 1) return 'Viser 1 medlem.';
  return `Viser ${danishCount(first)}–${danishCount(first + shown - 1)} af ${danishCount(total)} medlemmer.`;
}

const option = <T>(value: T, label: string, chosen: T | undefined) => ({
  value,
  label,
  selected: value === chosen,
});

/**
 * Medlemmer: the cycle's register, searched, filtered, sorted and paged on the server; its CSV is
 * exactly the rows the filters select. A municipal contact sees only its own municipality here.
 */
@StaffPages('valgperioder/:cycle/medlemmer', 'admin', 'planner', 'municipality')
export class MemberListController {
  constructor(
    private readonly register: MemberRegisterService,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async list(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: MemberListQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const { cycle, bar } = await this.cycleBar.shown(cycleId, req.path);
    const caller = callerOf(staff);
    const base = `/valgperioder/${cycle.id}/medlemmer`;
    let side = query.side ?? 1;
    let found = await this.register.page(cycle.id, registerQuery(query), caller, side, PAGE_SIZE);
    const last = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    if (side > last) {
      side = last;
      found = await this.register.page(cycle.id, registerQuery(query), caller, side, PAGE_SIZE);
    }
    const contact = caller.municipalityCode !== null;
    const first = (side - 1) * PAGE_SIZE + 1;
    return consolePage(
      'console-members',
      {
        title: `Medlemmer i ${cycle.code}`,
        breadcrumbs: contact
          ? [{ label: 'Min kommune', href: '/min-kommune' }, { label: 'Medlemmer' }]
          : [
              { label: 'Valgperioder', href: '/valgperioder' },
              { label: cycle.code, href: `/valgperioder/${cycle.id}` },
              { label: 'Medlemmer' },
            ],
        cycleBar: bar,
      },
      {
        base,
        q: query.q ?? '',
        liste: query.liste ?? '',
        sortering: query.sortering ?? '',
        retning: query.retning ?? '',
        boelge: query.boelge ?? '',
        waveFilter:
          query.boelge === undefined ? null : listHref(base, query, { boelge: undefined, side: undefined }),
        geography: contact
          ? null
          : await areaChoices(this.reference, { kommune: query.kommune, region: query.region }),
        newlyElected: [option('ja', 'Nyvalgte', query.nyvalgt), option('nej', 'Genvalgte', query.nyvalgt)],
        statuses: REGISTER_STATUSES.map((s) => option(s, STATUS_IN_DANISH[s], query.status)),
        sort: {
          navn: sortLink(base, query, 'navn'),
          kommune: sortLink(base, query, 'kommune'),
          liste: sortLink(base, query, 'liste'),
        },
        count: countText(first, found.rows.length, found.total),
        rows: found.rows.map((r) => ({
          href: `${base}/${r.id}`,
          name: r.erased ? 'Slettet medlem' : r.name,
          email: r.email ?? '',
          municipality: r.municipalityName,
          list: r.listLetter,
          newlyElected: r.newlyElected ? 'Ja' : 'Nej',
          status: STATUS_IN_DANISH[r.status],
        })),
        csvHref: listHref(`${base}/eksport`, query, { side: undefined }),
        pager: pager(base, { ...query, side }, found.total),
      },
    );
  }

  @Get('eksport')
  async csv(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: MemberListQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const body = await this.register.csv(cycle.id, registerQuery(query), callerOf(staff));
    return download(body, 'text/csv; charset=utf-8', `attachment; filename="medlemmer-${cycle.code}.csv"`);
  }
}
