import { randomUUID } from 'node:crypto';
import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { Caller, callerOf } from '../../cycles/caller';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { MemberRegisterService } from '../../invitations/member-register.service';
import { InvitationReminders } from '../../messaging/invitation-reminders';
import { ReferenceService } from '../../reference/reference.service';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage, CycleBar } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { danishCount } from '../statistics/dashboard-view';
import { areaChoices } from './area-choices';
import { BoardQuery, RemindForm, RemindQuery } from './area.query';
import { Area, areaQuery, BOARD_STATUSES, boardFigures, reminders } from './participation-view';
import { WAVE_STATUSES } from '../../invitations/member-register';
import { WavesService } from '../../planning/waves.service';
import { DomainError } from '../../common/domain-error';

/** Not answered shown with a tick box on the board; the rest are reached through "all in the area". */
const SHOWN_NOT_ANSWERED = 100;

/**
 * Deltagelse: the cycle's participation board, all or one municipality or region; each count is the
 * member register's list with that status, so count and list agree. Reminding those who have not
 * answered goes through the invitation reminders (a fresh link; earlier links keep working).
 */
@StaffPages('', 'admin', 'planner')
export class ParticipationPagesController {
  constructor(
    private readonly register: MemberRegisterService,
    private readonly reminders: InvitationReminders,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly waves: WavesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('deltagelse')
  @Roles('admin', 'planner')
  async section(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/deltagelse` : '/valgperioder');
  }

  @Get('valgperioder/:cycle/deltagelse')
  async board(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: BoardQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    // The cycle (unknown: the 404) and its bar from the bar's one read of the cycles.
    const [{ cycle, bar }, waves] = await Promise.all([
      this.cycleBar.shown(cycleId, req.path),
      this.waves.listIn(cycleId),
    ]);
    const wave = waves.find((w) => w.id === query.boelge);
    if (query.boelge !== undefined && !wave) throw DomainError.notFound('Wave', query.boelge);
    const area: Area = { kommune: query.kommune, region: query.region, boelge: wave?.id };
    const caller = callerOf(staff);
    const statuses = wave ? WAVE_STATUSES : BOARD_STATUSES;
    const counts = await this.register.counts(cycle.id, filterOf(area), caller, statuses);
    // Reminders are per cycle: a wave's board has none to offer.
    const notAnswered = wave ? 0 : (counts.get('not_answered') ?? 0);
    const open =
      notAnswered === 0
        ? []
        : await this.register.firstContacts(
            cycle.id,
            { ...filterOf(area), status: 'not_answered' },
            caller,
            SHOWN_NOT_ANSWERED,
          );
    const base = `/valgperioder/${cycle.id}`;
    const sent = query.sendt === undefined ? null : Number(query.sendt);
    return consolePage('console-participation', this.shell(cycle, bar), {
      action: `${base}/deltagelse`,
      ...(await areaChoices(this.reference, area)),
      waves: waves.map((w) => ({ value: w.id, label: w.name, selected: w.id === wave?.id })),
      wave: wave
        ? { name: wave.name, allHref: `${base}/deltagelse${areaQuery({ ...area, boelge: undefined })}` }
        : null,
      figures: boardFigures(cycle.id, area, counts, statuses),
      sent: sent === null ? null : `${reminders(sent)} er sendt.`,
      remind:
        notAnswered === 0
          ? null
          : {
              allHref: `${base}/deltagelse/paamind${areaQuery(area)}`,
              allLabel: `Påmind alle ${danishCount(notAnswered)}, der ikke har svaret`,
              action: `${base}/deltagelse/paamind`,
              kommune: area.kommune ?? '',
              region: area.region ?? '',
              more:
                notAnswered > open.length
                  ? `Viser de første ${danishCount(open.length)} af ${danishCount(notAnswered)}.`
                  : null,
              rows: open.map((r) => ({
                id: r.id,
                name: r.name,
                email: r.email ?? '',
                municipality: r.municipalityName,
                href: `${base}/medlemmer/${r.id}`,
              })),
            },
      csvHref: `${base}/medlemmer/eksport${areaQuery(area)}`,
      notAnsweredCsvHref: `${base}/medlemmer/eksport${areaQuery(area, { status: 'not_answered' })}`,
    });
  }

  /** Says how many will get a reminder, and asks once. */
  @Get('valgperioder/:cycle/deltagelse/paamind')
  async confirm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: RemindQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const { cycle, bar } = await this.cycleBar.shown(cycleId, req.path);
    const targets = await this.targets(cycle.id, query, callerOf(staff));
    const back = `/valgperioder/${cycle.id}/deltagelse${areaQuery(query)}`;
    return consolePage('console-remind-confirm', this.shell(cycle, bar, 'Påmindelser'), {
      heading: targets.length === 0 ? 'Der er ingen at påminde' : `Sender ${reminders(targets.length)}`,
      count: targets.length === 0 ? null : reminders(targets.length),
      action: `/valgperioder/${cycle.id}/deltagelse/paamind`,
      kommune: query.kommune ?? '',
      region: query.region ?? '',
      chosen: query.medlem ? targets : [],
      back,
    });
  }

  @Post('valgperioder/:cycle/deltagelse/paamind')
  async remind(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() form: RemindForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const targets = await this.targets(cycle.id, form, callerOf(staff));
    const sent = await this.reminders.remindNow(cycle.id, targets, randomUUID().slice(0, 8));
    return redirect(`/valgperioder/${cycle.id}/deltagelse${areaQuery(form, { sendt: sent })}`);
  }

  /** Those in the area who have not answered; only the ticked ones among them when some are ticked. */
  private async targets(cycleId: number, query: RemindQuery, caller: Caller): Promise<number[]> {
    const open = await this.register.page(
      cycleId,
      { ...filterOf(query), status: 'not_answered' },
      caller,
      1,
      Number.MAX_SAFE_INTEGER,
    );
    const ids = open.rows.map((r) => r.id);
    if (!query.medlem) return ids;
    const ticked = new Set(query.medlem);
    return ids.filter((id) => ticked.has(id));
  }

  private shell(cycle: Cycle, bar: CycleBar, last?: string) {
    return {
      title: last ? `${last} i ${cycle.code}` : `Deltagelse i ${cycle.code}`,
      breadcrumbs: [
        { label: 'Valgperioder', href: '/valgperioder' },
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        ...(last
          ? [{ label: 'Deltagelse', href: `/valgperioder/${cycle.id}/deltagelse` }, { label: last }]
          : [{ label: 'Deltagelse' }]),
      ],
      cycleBar: bar,
    };
  }
}

function filterOf(area: Area) {
  return { municipality: area.kommune, region: area.region, waveId: area.boelge };
}
