import { Body, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { MUNICIPAL_ROLE } from '../../auth/roles';
import { SessionsService } from '../../auth/sessions.service';
import { StaffService, temporaryPassword } from '../../auth/staff.service';
import { TwoFactorService } from '../../auth/two-factor.service';
import { danishCompare } from '../../common/danish-order';
import { formatDanishDateTime } from '../../common/danish-time';
import { AuditLogService } from '../../cycles/gdpr/audit-log.service';
import { ReferenceService } from '../../reference/reference.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage } from '../shell/console-page';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { ACCOUNT_FIELDS, RoleForm, StaffAccountForm } from './staff.form';
import { accountRow, Action, auditRows, isAction, NOTICES, roleChoices } from './staff-view';

const LIST_CRUMB = { label: 'Personale', href: '/personale' };

/**
 * Personale (admins): the staff accounts, a new one, and per account its role, closing and
 * opening, a new password, the second factor and the sessions. Everything goes through the auth
 * module's services, which audit each change in its transaction.
 */
@StaffPages('personale', 'admin')
export class StaffPagesController {
  constructor(
    private readonly staff: StaffService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly audit: AuditLogService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  list(@Req() req: PageRequest) {
    return this.listPage(null, req);
  }

  /** The first password is made here and shown once, on the answer to the form (never stored in clear). */
  @Post()
  @OnRefusal('listPage')
  async create(@Body() form: StaffAccountForm, @CurrentStaff() admin: AuthenticatedStaff) {
    const password = temporaryPassword();
    const { name, email, role, municipalityCode } = form;
    const account = await this.staff.create({ name, email, role, municipalityCode, password }, admin);
    return this.passwordPage(account.id, password, true);
  }

  @Get(':id')
  show(@Param('id', ParseIntPipe) id: number, @Query('besked') notice: unknown, @Req() req: PageRequest) {
    return this.accountPage(null, req, typeof notice === 'string' ? (NOTICES[notice] ?? null) : null);
  }

  @Post(':id/rolle')
  @OnRefusal('accountPage')
  async changeRole(
    @Param('id', ParseIntPipe) id: number,
    @Body() form: RoleForm,
    @CurrentStaff() admin: AuthenticatedStaff,
  ) {
    await this.staff.update(
      id,
      { role: form.role, municipalityCode: form.role === MUNICIPAL_ROLE ? form.municipalityCode : undefined },
      admin,
    );
    return done(id, 'rolle');
  }

  @Post(':id/adgangskode')
  @OnRefusal('accountPage')
  async resetPassword(
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() admin: AuthenticatedStaff,
  ) {
    return this.passwordPage(id, await this.staff.resetPassword(id, admin), false);
  }

  @Post(':id/sessioner/:session')
  @OnRefusal('accountPage')
  async endSession(
    @Param('id', ParseIntPipe) id: number,
    @Param('session') sessionId: string,
    @Body() _form: CsrfForm,
    @CurrentStaff() admin: AuthenticatedStaff,
  ) {
    await this.staff.endSession(id, sessionId, admin);
    return done(id, 'session');
  }

  /** Luk, genåbn, nulstil totrin, afslut alle sessioner: the buttons that post nothing but the form's CSRF fields. */
  @Post(':id/:action')
  @OnRefusal('accountPage')
  async act(
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
    @Body() _form: CsrfForm,
    @CurrentStaff() admin: AuthenticatedStaff,
  ) {
    if (!isAction(action)) throw new NotFoundException();
    await this.actions[action](id, admin);
    return done(id, action);
  }

  private readonly actions: Record<Action, (id: number, admin: AuthenticatedStaff) => Promise<unknown>> = {
    luk: (id, admin) => this.staff.update(id, { disabled: true }, admin),
    genaabn: (id, admin) => this.staff.update(id, { disabled: false }, admin),
    totrin: (id, admin) => this.twoFactor.reset(id, admin),
    sessioner: (id, admin) => this.staff.endSessions(id, admin),
  };

  /** The list and the form for a new account, again after a refusal with what was typed. */
  async listPage(refusal: Refusal | null, _req: PageRequest) {
    const [accounts, lastSignIns, municipalities] = await Promise.all([
      this.staff.list(),
      this.sessions.lastSignIns(),
      this.municipalityNames(),
    ]);
    const fields = fieldsOf(ACCOUNT_FIELDS, refusal, { role: 'planner' });
    return consolePage(
      'console-staff',
      { title: 'Personale', breadcrumbs: [{ label: 'Personale' }] },
      {
        problems: problemsOf(refusal),
        fields,
        accounts: accounts.map((a) => accountRow(a, municipalities, lastSignIns.get(a.id))),
        roles: roleChoices(fields.role.value),
        municipalities: municipalityChoices(municipalities, fields.municipalityCode.value),
      },
    );
  }

  /** One account: what it is, what can be done to it, its sessions and its audit trail. */
  async accountPage(refusal: Refusal | null, req: PageRequest, notice: string | null = null) {
    const id = Number(req.params.id);
    const account = await this.staff.get(id);
    const [accounts, lastSignIns, municipalities, sessions, history] = await Promise.all([
      this.staff.list(),
      this.sessions.lastSignIns(),
      this.municipalityNames(),
      this.sessions.active(id),
      this.audit.forStaffAccount(id),
    ]);
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    const role = refusal?.typed('role') ?? account.role;
    const code = refusal?.typed('municipalityCode') ?? String(account.municipalityCode ?? '');
    return consolePage(
      'console-staff-account',
      { title: account.name, breadcrumbs: [LIST_CRUMB, { label: account.name }] },
      {
        notice,
        problems: problemsOf(refusal),
        account: accountRow(account, municipalities, lastSignIns.get(id)),
        self: req.staff?.id === id,
        roleError: refusal?.field('role') ?? null,
        municipalityError: refusal?.field('municipalityCode') ?? null,
        roles: roleChoices(role),
        municipalities: municipalityChoices(municipalities, code),
        sessions: sessions.map((s) => ({
          id: s.id,
          device: s.userAgent,
          kind: s.kind === 'api' ? 'API' : 'Konsol',
          createdAt: formatDanishDateTime(s.createdAt),
          lastSeenAt: formatDanishDateTime(s.lastSeenAt),
        })),
        history: auditRows(history, names),
      },
    );
  }

  private async passwordPage(id: number, password: string, created: boolean) {
    const account = await this.staff.get(id);
    return consolePage(
      'console-staff-password',
      {
        title: created ? 'Kontoen er oprettet' : 'Ny adgangskode',
        breadcrumbs: [
          LIST_CRUMB,
          { label: account.name, href: `/personale/${id}` },
          { label: 'Adgangskode' },
        ],
      },
      { id, created, name: account.name, email: account.email, password },
    );
  }

  private async municipalityNames(): Promise<Map<number, string>> {
    return new Map((await this.reference.listMunicipalities()).map((m) => [m.code, m.name]));
  }
}

const done = (id: number, notice: keyof typeof NOTICES) => redirect(`/personale/${id}?besked=${notice}`);

function municipalityChoices(names: Map<number, string>, selected: string) {
  return [...names]
    .sort(([, a], [, b]) => danishCompare(a, b))
    .map(([code, name]) => ({ value: code, label: name, selected: String(code) === selected }));
}
