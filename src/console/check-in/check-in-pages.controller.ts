import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { CyclesService } from '../../cycles/cycles.service';
import { ReferenceService } from '../../reference/reference.service';
import { CheckInService, DoorList } from '../../registrations/check-in.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { CodeForm, DoorQuery, SeatForm } from './check-in.form';
import {
  afterCheckIn,
  checkInHref,
  DoorNotice,
  doorView,
  noticeText,
  people,
  seminarRows,
} from './check-in-view';

/**
 * Fremmøde: the working cycle's seminars, and a seminar's door: tick people off by name or by the
 * QR code on their page and confirmation (typed when there is no camera), undo, and mark the rest
 * as no-shows once, having been told how many. Every page works without JavaScript; htmx swaps
 * the list in place and check-in.js adds the camera.
 */
@StaffPages('', 'admin', 'planner')
export class CheckInPagesController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('fremmoede')
  async section(@CurrentStaff() staff: AuthenticatedStaff, @Req() req: PageRequest) {
    const cycle = await this.cycleBar.active(staff);
    if (!cycle) return redirect('/valgperioder');
    const seminars = await this.checkIns.seminars(cycle.id);
    return consolePage(
      'console-check-in-seminars',
      {
        title: `Fremmøde i ${cycle.code}`,
        breadcrumbs: [
          { label: 'Valgperioder', href: '/valgperioder' },
          { label: cycle.code, href: `/valgperioder/${cycle.id}` },
          { label: 'Fremmøde' },
        ],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      { rows: seminarRows(seminars, new Date()) },
    );
  }

  @Get('seminarer/:seminar/fremmoede')
  async door(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Query() query: DoorQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.doorPage(seminarId, staff, req, query.q ?? '', noticeOf(query), null);
  }

  /** A refused form shows the door again with the problem at the top. */
  async refused(refusal: Refusal, req: PageRequest) {
    return this.doorPage(Number(req.params.seminar), req.staff!, req, '', null, refusal);
  }

  @Post('seminarer/:seminar/fremmoede/tjek-ind')
  @OnRefusal('refused')
  async checkIn(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Body() form: SeatForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const result = await this.checkIns.checkIn(seminarId, form.registrationId, staff.id);
    return redirect(afterCheckIn(seminarId, result));
  }

  /** A scanned code (the camera fills in the field and sends the form) or a typed one. */
  @Post('seminarer/:seminar/fremmoede/kode')
  @OnRefusal('refused')
  async checkInByCode(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Body() form: CodeForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const result = await this.checkIns.checkInByCode(seminarId, form.kode, staff.id);
    return redirect(afterCheckIn(seminarId, result));
  }

  @Post('seminarer/:seminar/fremmoede/fortryd')
  @OnRefusal('refused')
  async undo(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Body() form: SeatForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const result = await this.checkIns.undo(seminarId, form.registrationId, staff.id);
    return redirect(`${checkInHref(seminarId)}?fortrudt=${result.registrationId}`);
  }

  /** Says how many will be marked as no-shows, by name, and asks once. */
  @Get('seminarer/:seminar/fremmoede/udeblevne')
  async confirmNoShows(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const list = await this.checkIns.door(seminarId);
    const rest = list.seats.filter((s) => s.state === 'registered');
    return consolePage('console-check-in-no-shows', await this.shell(list, staff, req, 'Udeblevne'), {
      back: checkInHref(seminarId),
      action: `${checkInHref(seminarId)}/udeblevne`,
      count: rest.length === 0 ? null : people(rest.length),
      names: rest.map((s) => s.name),
    });
  }

  @Post('seminarer/:seminar/fremmoede/udeblevne')
  @OnRefusal('refused')
  async markNoShows(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const count = await this.checkIns.markRestNoShow(seminarId, staff.id);
    return redirect(`${checkInHref(seminarId)}?udeblevne=${count}`);
  }

  private async doorPage(
    seminarId: number,
    staff: AuthenticatedStaff,
    req: PageRequest,
    q: string,
    notice: DoorNotice | null,
    refusal: Refusal | null,
  ) {
    const list = await this.checkIns.door(seminarId);
    const municipalities = new Map(
      (await this.reference.listMunicipalities()).map((m) => [m.code, m.name] as const),
    );
    const base = checkInHref(seminarId);
    return consolePage('console-check-in', await this.shell(list, staff, req), {
      base,
      q,
      notice: noticeText(notice, list),
      problems: problemsOf(refusal),
      code: fieldsOf(['kode'], refusal, {}).kode,
      ...doorView(list, municipalities, q),
      noShowsHref: `${base}/udeblevne`,
      rosterHref: `/seminarer/${seminarId}/deltagere`,
    });
  }

  private async shell(list: DoorList, staff: AuthenticatedStaff, req: PageRequest, last?: string) {
    const cycle = await this.cycles.get(list.seminar.cycleId);
    const title = `Fremmøde: ${list.seminar.title}`;
    return {
      title: last ? `${last}: ${list.seminar.title}` : title,
      breadcrumbs: [
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        { label: 'Fremmøde', href: '/fremmoede' },
        ...(last
          ? [{ label: list.seminar.title, href: checkInHref(list.seminar.id) }, { label: last }]
          : [{ label: list.seminar.title }]),
      ],
      cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
    };
  }
}

function noticeOf(query: DoorQuery): DoorNotice | null {
  if (query.tjekket !== undefined) return { kind: 'checked_in', registrationId: query.tjekket };
  if (query.allerede !== undefined) return { kind: 'already', registrationId: query.allerede };
  if (query.fortrudt !== undefined) return { kind: 'undone', registrationId: query.fortrudt };
  if (query.udeblevne !== undefined) return { kind: 'no_shows', count: query.udeblevne };
  return null;
}
