import { Body, Get, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { formatDanishDate } from '../../common/danish-time';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { CYCLE_FIELDS, CYCLE_STATUS_TEXT, CycleForm } from './cycle.form';

const LIST: Crumb = { label: 'Valgperioder', href: '/valgperioder' };
const day = (date: string) => formatDanishDate(new Date(`${date}T12:00:00Z`));

/** Valgperioder: list, create, edit, close, and the cycle one works in. */
@StaffPages('valgperioder', 'admin', 'planner')
export class CyclePagesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async list(@CurrentStaff() staff: AuthenticatedStaff, @Req() req: PageRequest) {
    const [all, bar] = await Promise.all([this.cycles.list(), this.cycleBar.bar(staff, req.path)]);
    return consolePage(
      'console-cycles',
      { title: 'Valgperioder', breadcrumbs: [{ label: 'Valgperioder' }], cycleBar: bar },
      {
        cycles: all.map((c) => ({
          ...cycleRow(c),
          working: c.id === bar?.current.id,
        })),
      },
    );
  }

  @Get('ny')
  newForm(@Req() req: PageRequest) {
    return this.cycleForm(null, req);
  }

  @Post('ny')
  @OnRefusal('cycleForm')
  async create(@Body() form: CycleForm, @CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycles.create(cycleInput(form));
    await this.cycleBar.choose(staff, cycle.id);
    return redirect(`/valgperioder/${cycle.id}`);
  }

  @Get(':cycle')
  async show(
    @Param('cycle', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(id);
    return consolePage(
      'console-cycle',
      {
        title: `Valgperiode ${cycle.code}`,
        breadcrumbs: [LIST, { label: cycle.code }],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      { cycle: cycleRow(cycle) },
    );
  }

  @Get(':cycle/rediger')
  editForm(@Param('cycle', ParseIntPipe) id: number, @Req() req: PageRequest) {
    return this.cycleForm(null, req, id);
  }

  @Post(':cycle/rediger')
  @OnRefusal('cycleForm')
  async update(@Param('cycle', ParseIntPipe) id: number, @Body() form: CycleForm) {
    await this.cycles.update(id, cycleInput(form));
    return redirect(`/valgperioder/${id}`);
  }

  @Get(':cycle/luk')
  async closeForm(
    @Param('cycle', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(id);
    return consolePage(
      'console-cycle-close',
      {
        title: `Luk ${cycle.code}`,
        breadcrumbs: [LIST, { label: cycle.code, href: `/valgperioder/${id}` }, { label: 'Luk' }],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      { cycle: cycleRow(cycle) },
    );
  }

  @Post(':cycle/luk')
  async close(@Param('cycle', ParseIntPipe) id: number, @Body() _form: CsrfForm) {
    await this.cycles.update(id, { status: 'closed' });
    return redirect(`/valgperioder/${id}`);
  }

  /** The form to create a cycle (no id) or edit one, again after a refusal with what was typed. */
  async cycleForm(refusal: Refusal | null, req: PageRequest, id = numberParam(req)) {
    const cycle = id === null ? null : await this.cycles.get(id);
    const title = cycle ? `Ret ${cycle.code}` : 'Opret valgperiode';
    const crumbs: Crumb[] = cycle
      ? [LIST, { label: cycle.code, href: `/valgperioder/${cycle.id}` }, { label: 'Ret' }]
      : [LIST, { label: 'Opret' }];
    const fields = fieldsOf(CYCLE_FIELDS, refusal, cycle ?? { status: 'planning' });
    return consolePage(
      'console-cycle-form',
      {
        title,
        breadcrumbs: crumbs,
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle ?? undefined),
      },
      {
        action: cycle ? `/valgperioder/${cycle.id}/rediger` : '/valgperioder/ny',
        submit: cycle ? 'Gem ændringer' : 'Opret valgperioden',
        problems: problemsOf(refusal),
        fields,
        statuses: Object.entries(CYCLE_STATUS_TEXT).map(([value, label]) => ({
          value,
          label,
          selected: value === fields.status.value,
        })),
      },
    );
  }
}

function cycleRow(c: Cycle) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    electionDate: day(c.electionDate),
    termStart: day(c.termStart),
    status: CYCLE_STATUS_TEXT[c.status],
    closed: c.status === 'closed',
  };
}

function cycleInput(form: CycleForm) {
  return {
    code: form.code,
    name: form.name.trim(),
    electionDate: form.electionDate,
    termStart: form.termStart,
    ...(form.status ? { status: form.status } : {}),
  };
}

/** The cycle of a refused edit form's path. */
function numberParam(req: PageRequest): number | null {
  const id = (req.params as Record<string, string | undefined>).cycle;
  return id && /^\d+$/.test(id) ? Number(id) : null;
}
