import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { callerOf } from '../../cycles/caller';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { ROLE_IN_DANISH } from '../../cycles/export/members-csv';
import { GdprService } from '../../cycles/gdpr/gdpr.service';
import { Member, MEMBER_ROLES } from '../../cycles/member.entity';
import { MembersService } from '../../cycles/members.service';
import { InvitationsService } from '../../invitations/invitations.service';
import { STATUS_IN_DANISH } from '../../invitations/member-register';
import { MemberRegisterService } from '../../invitations/member-register.service';
import { OutboxService } from '../../messaging/outbox.service';
import { ReferenceService } from '../../reference/reference.service';
import { SeatViewsService } from '../../registrations/seat-views.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { MEMBER_FIELDS, memberChange, MemberForm } from './member.form';
import { historyRows, mailRows, NOTICES } from './member-view';

const PLANNERS = ['admin', 'planner'] as const;

/** A member's page: details, history, e-mails; edit, a fresh invitation, GDPR access and erasure. */
@StaffPages('valgperioder/:cycle/medlemmer/:id', 'admin', 'planner', 'municipality')
export class MemberPagesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly members: MembersService,
    private readonly register: MemberRegisterService,
    private readonly invitations: InvitationsService,
    private readonly gdpr: GdprService,
    private readonly seats: SeatViewsService,
    private readonly outbox: OutboxService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async show(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Query('besked') notice: unknown,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const { cycle, member, bar } = await this.loadWithBar(cycleId, id, staff, req.path);
    const [status, history, mails, municipality] = await Promise.all([
      this.register.statusOf(member),
      this.seats.memberHistory(member.id),
      this.outbox.ofMember(member.id, 50),
      this.reference.getMunicipality(member.municipalityCode),
    ]);
    const planner = (PLANNERS as readonly string[]).includes(staff.role);
    return consolePage(
      'console-member',
      {
        title: member.erasedAt ? 'Slettet medlem' : (member.name ?? 'Medlem'),
        breadcrumbs: this.crumbs(cycle, staff, {
          label: member.erasedAt ? 'Slettet medlem' : (member.name ?? ''),
        }),
        cycleBar: bar,
      },
      {
        notice: typeof notice === 'string' ? (NOTICES[notice] ?? null) : null,
        base: `/valgperioder/${cycle.id}/medlemmer/${member.id}`,
        erased: member.erasedAt !== null,
        planner,
        member: {
          name: member.name ?? '',
          email: member.email ?? '',
          phone: member.phone ?? '–',
          municipality: municipality.name,
          list: `${member.listLetter} – ${member.listName}`,
          newlyElected: member.newlyElected ? 'Ja' : 'Nej',
          role: ROLE_IN_DANISH[member.role],
          diet: member.diet ?? '–',
          accessibility: member.accessibility ?? '–',
          note: member.note ?? '–',
          status: STATUS_IN_DANISH[status],
        },
        history: historyRows(history),
        mails: mailRows(mails),
      },
    );
  }

  @Get('rediger')
  editForm(@Req() req: PageRequest) {
    return this.memberForm(null, req);
  }

  @Post('rediger')
  @OnRefusal('memberForm')
  async update(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() form: MemberForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const caller = callerOf(staff);
    const before = await this.members.get(cycleId, id, caller);
    const change = memberChange(form);
    if (caller.municipalityCode !== null) delete change.municipalityCode;
    const after = await this.members.update(cycleId, id, change, caller);
    const base = `/valgperioder/${cycleId}/medlemmer/${id}`;
    const planner = (PLANNERS as readonly string[]).includes(staff.role);
    return redirect(
      after.email !== before.email && planner ? `${base}/ny-invitation?ny-adresse=1` : `${base}?besked=gemt`,
    );
  }

  /** Asks before a fresh invitation goes out; after a changed address, says so. */
  @Get('ny-invitation')
  @Roles(...PLANNERS)
  reinviteForm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Query('ny-adresse') changed: unknown,
    @Req() req: PageRequest,
  ) {
    return this.question(
      cycleId,
      id,
      req,
      'console-member-reinvite',
      'Send en ny invitation',
      'Ny invitation',
      (m) => ({
        email: m.email ?? '',
        changed: changed === '1',
      }),
    );
  }

  @Post('ny-invitation')
  @Roles(...PLANNERS)
  async reinvite(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    await this.load(cycleId, id, staff);
    await this.invitations.reissue(cycleId, id, staff.id);
    return redirect(`/valgperioder/${cycleId}/medlemmer/${id}?besked=inviteret`);
  }

  /** The member's personal data and what was done with it, as the API's access export gives it. */
  @Get('indsigt')
  @Roles(...PLANNERS)
  async accessExport(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const data = await this.gdpr.personalData(cycleId, id, callerOf(staff));
    return download(
      JSON.stringify(data, null, 2),
      'application/json; charset=utf-8',
      `attachment; filename="indsigt-medlem-${id}.json"`,
    );
  }

  @Get('slet')
  @Roles(...PLANNERS)
  eraseForm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: PageRequest,
  ) {
    return this.question(
      cycleId,
      id,
      req,
      'console-member-erase',
      'Slet medlemmets oplysninger',
      'Slet',
      (m) => ({
        erased: m.erasedAt !== null,
      }),
    );
  }

  @Post('slet')
  @Roles(...PLANNERS)
  async erase(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    await this.gdpr.erase(cycleId, id, callerOf(staff));
    return redirect(`/valgperioder/${cycleId}/medlemmer/${id}?besked=slettet`);
  }

  /** The edit form, again after a refusal with what was typed. */
  async memberForm(refusal: Refusal | null, req: PageRequest) {
    const { cycle: cycleId, id } = req.params as Record<string, string>;
    const staff = req.staff!;
    const { cycle, member, bar } = await this.loadWithBar(Number(cycleId), Number(id), staff, req.path);
    const base = `/valgperioder/${cycle.id}/medlemmer/${member.id}`;
    const fields = fieldsOf(MEMBER_FIELDS, refusal, {
      ...member,
      municipalityCode: String(member.municipalityCode),
      newlyElected: member.newlyElected ? 'ja' : 'nej',
    });
    const contact = staff.municipalityCode !== null && staff.role === 'municipality';
    const municipalities = contact ? [] : await this.reference.listMunicipalities();
    return consolePage(
      'console-member-form',
      {
        title: `Ret ${member.name ?? 'medlem'}`,
        breadcrumbs: this.crumbs(cycle, staff, { label: member.name ?? '', href: base }, { label: 'Ret' }),
        cycleBar: bar,
      },
      {
        base,
        problems: problemsOf(refusal),
        fields,
        municipalities: municipalities.map((m) => ({
          value: m.code,
          label: m.name,
          selected: String(m.code) === fields.municipalityCode.value,
        })),
        roles: MEMBER_ROLES.map((r) => ({
          value: r,
          label: ROLE_IN_DANISH[r],
          selected: r === fields.role.value,
        })),
        newlyElected: [
          { value: 'ja', label: 'Ja, nyvalgt', checked: fields.newlyElected.value === 'ja' },
          { value: 'nej', label: 'Nej, genvalgt', checked: fields.newlyElected.value === 'nej' },
        ],
      },
    );
  }

  /** A page that asks before acting on a member: its own view, title, last breadcrumb and model. */
  private async question(
    cycleId: number,
    id: number,
    req: PageRequest,
    view: string,
    title: string,
    crumb: string,
    model: (member: Member) => object,
  ) {
    const staff = req.staff!;
    const { cycle, member, bar } = await this.loadWithBar(cycleId, id, staff, req.path);
    const base = `/valgperioder/${cycle.id}/medlemmer/${member.id}`;
    return consolePage(
      view,
      {
        title,
        breadcrumbs: this.crumbs(
          cycle,
          staff,
          { label: member.name ?? 'Slettet medlem', href: base },
          { label: crumb },
        ),
        cycleBar: bar,
      },
      { base, name: member.name ?? '', ...model(member) },
    );
  }

  /** The member, if the caller may see it (another municipality's is the 403 page), and its cycle. */
  private async load(
    cycleId: number,
    id: number,
    staff: AuthenticatedStaff,
  ): Promise<{ cycle: Cycle; member: Member }> {
    const cycle = await this.cycles.get(cycleId);
    const member = await this.members.get(cycle.id, id, callerOf(staff));
    return { cycle, member };
  }

  /** The member and the bar of their cycle, for a page: the cycles are read once. */
  private async loadWithBar(cycleId: number, id: number, staff: AuthenticatedStaff, back: string) {
    const { cycle, bar } = await this.cycleBar.shown(cycleId, back);
    const member = await this.members.get(cycle.id, id, callerOf(staff));
    return { cycle, member, bar };
  }

  private crumbs(cycle: Cycle, staff: AuthenticatedStaff, ...rest: Crumb[]): Crumb[] {
    const list = { label: 'Medlemmer', href: `/valgperioder/${cycle.id}/medlemmer` };
    return staff.role === 'municipality'
      ? [{ label: 'Min kommune', href: '/min-kommune' }, ...rest]
      : [
          { label: 'Valgperioder', href: '/valgperioder' },
          { label: cycle.code, href: `/valgperioder/${cycle.id}` },
          list,
          ...rest,
        ];
  }
}
