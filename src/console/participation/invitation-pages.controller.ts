import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { Cycle } from '../../cycles/cycle.entity';
import { formatDanishDateTime } from '../../common/danish-time';
import { CyclesService } from '../../cycles/cycles.service';
import { InviteJobs } from '../../invitations/invite-jobs';
import { ReferenceService } from '../../reference/reference.service';
import { PageRequest } from '../../web/page-request';
import { page, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { areaChoices } from './area-choices';
import { AreaQuery, InviteForm } from './area.query';
import { areaQuery, inviteJobLine, newlyElected } from './participation-view';

/**
 * Invitationer: whom to invite (the cycle's newly elected, all or of a municipality or region), how
 * many that is, and the job that invites them (InviteJobs, as the API's) followed live.
 */
@StaffPages('', 'admin', 'planner')
export class InvitationPagesController {
  constructor(
    private readonly jobs: InviteJobs,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('invitationer')
  @Roles('admin', 'planner')
  async section(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/invitationer` : '/valgperioder');
  }

  @Get('valgperioder/:cycle/invitationer')
  async choose(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: AreaQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const recent = await this.jobs.recent(cycle.id);
    return consolePage('console-invite', await this.shell(cycle, staff, req), {
      action: `/valgperioder/${cycle.id}/invitationer/ny`,
      jobs: recent.map((job) => ({
        started: formatDanishDateTime(new Date(job.createdAt)),
        href: `/valgperioder/${cycle.id}/invitationer/job/${job.id}`,
        text: inviteJobLine(job).text,
      })),
      ...(await areaChoices(this.reference, query)),
    });
  }

  /** What starting would do: how many will be invited, asked once. */
  @Get('valgperioder/:cycle/invitationer/ny')
  async confirm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: AreaQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const { selected, fresh } = await this.jobs.preview(cycle.id, filterOf(query));
    const where = await this.areaName(query);
    return consolePage('console-invite-confirm', await this.shell(cycle, staff, req, 'Bekræft'), {
      heading: fresh === 0 ? 'Der er ingen at invitere' : `Inviterer ${newlyElected(fresh)}`,
      where,
      fresh: fresh === 0 ? null : newlyElected(fresh),
      skipped:
        selected === fresh
          ? null
          : `${newlyElected(selected - fresh)}${where} har allerede en invitation og får ikke en ny.`,
      action: `/valgperioder/${cycle.id}/invitationer`,
      back: `/valgperioder/${cycle.id}/invitationer${areaQuery(query)}`,
      kommune: query.kommune ?? '',
      region: query.region ?? '',
    });
  }

  @Post('valgperioder/:cycle/invitationer')
  async start(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() form: InviteForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const job = await this.jobs.start(cycleId, filterOf(form), staff.id);
    return redirect(`/valgperioder/${cycleId}/invitationer/job/${job.id}`);
  }

  @Get('valgperioder/:cycle/invitationer/job/:job')
  async job(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('job') jobId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    return consolePage('console-invite-job', await this.shell(cycle, staff, req, 'Invitationen'), {
      ...(await this.jobModel(cycle.id, jobId)),
      boardHref: `/valgperioder/${cycle.id}/deltagelse`,
      againHref: `/valgperioder/${cycle.id}/invitationer`,
    });
  }

  /** The job's line alone, for the page's polling (htmx swaps it in place). */
  @Get('valgperioder/:cycle/invitationer/job/:job/status')
  async jobStatus(@Param('cycle', ParseIntPipe) cycleId: number, @Param('job') jobId: string) {
    return page('console-invite-job-status', await this.jobModel(cycleId, jobId));
  }

  private async jobModel(cycleId: number, jobId: string) {
    const job = await this.jobs.job(cycleId, jobId);
    const base = `/valgperioder/${cycleId}/invitationer/job/${job.id}`;
    return { job: inviteJobLine(job), self: base, statusHref: `${base}/status` };
  }

  private async shell(cycle: Cycle, staff: AuthenticatedStaff, req: PageRequest, last?: string) {
    const here = `/valgperioder/${cycle.id}/invitationer`;
    return {
      title: last ? `Invitationer i ${cycle.code}: ${last.toLowerCase()}` : `Invitationer i ${cycle.code}`,
      breadcrumbs: [
        { label: 'Valgperioder', href: '/valgperioder' },
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        ...(last ? [{ label: 'Invitationer', href: here }, { label: last }] : [{ label: 'Invitationer' }]),
      ],
      cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
    };
  }

  /** " i Odense", " i Region Syddanmark" or "" for the whole cycle. */
  private async areaName(query: AreaQuery): Promise<string> {
    const names: string[] = [];
    if (query.kommune !== undefined) {
      const found = (await this.reference.listMunicipalities()).find((m) => m.code === query.kommune);
      names.push(found?.name ?? String(query.kommune));
    }
    if (query.region !== undefined) {
      const found = (await this.reference.listRegions()).find((r) => r.code === query.region);
      names.push(found?.name ?? String(query.region));
    }
    return names.length ? ` i ${names.join(', ')}` : '';
  }
}

function filterOf(area: AreaQuery) {
  return { municipalityCode: area.kommune, regionCode: area.region };
}
