import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { StaffRole } from '../../auth/roles';
import { DomainError } from '../../common/domain-error';
import { formatDanishDateTime } from '../../common/danish-time';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { ViewRenderer } from '../../portal/view-renderer';
import { StatisticsService } from '../statistics.service';
import { danishCount, danishPercent, dashboardView } from './dashboard-view';
import { DashboardSession } from './dashboard-session';

type Form = Record<string, unknown>;

const READERS: StaffRole[] = ['kl', 'planner', 'admin'];
const PLANNERS: StaffRole[] = ['planner', 'admin'];

/**
 * KL's dashboard and a planner's seminar overview, server-rendered. @Public() because these pages
 * answer with a log-in page instead of a 401: the session cookie and the role are checked here.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly session: DashboardSession,
    private readonly statistics: StatisticsService,
    private readonly cycles: CyclesService,
    private readonly views: ViewRenderer,
  ) {}

  @Get('login')
  async loginPage(@Req() req: Request, @Res() res: Response) {
    const staff = await this.session.staffOf(req);
    if (staff && READERS.includes(staff.role)) return res.redirect(303, '/dashboard');
    this.loginForm(req, res, 200, null, '');
  }

  @Post('login')
  async logIn(@Body() form: Form, @Req() req: Request, @Res() res: Response) {
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    if (!this.session.checkLoginForm(req, { nonce: form.nonce as string, mac: form.mac as string }))
      return this.loginForm(req, res, 403, 'Formularen er udløbet. Prøv igen.', email);
    const password = typeof form.password === 'string' ? form.password : '';
    if (email === '' || password === '')
      return this.loginForm(req, res, 400, 'Skriv både e-mail og adgangskode.', email);
    try {
      await this.session.logIn(req, res, email, password);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'too_many_attempts')
        return this.loginForm(
          req,
          res,
          429,
          'For mange forkerte forsøg. Vent et kvarter, og prøv igen.',
          email,
        );
      return this.loginForm(req, res, 401, 'Forkert e-mail eller adgangskode.', email);
    }
    res.redirect(303, '/dashboard');
  }

  @Post('logout')
  logOut(@Body() form: Form, @Req() req: Request, @Res() res: Response) {
    if (this.session.checkSessionForm(req, { nonce: form.nonce as string, mac: form.mac as string }))
      this.session.logOut(req, res);
    res.redirect(303, '/dashboard/login');
  }

  @Get()
  async overview(@Query('cycle') wanted: unknown, @Req() req: Request, @Res() res: Response) {
    const staff = await this.allowed(req, res, READERS);
    if (!staff) return;
    const { cycles, cycle } = await this.chosenCycle(wanted);
    if (!cycle)
      return this.page(req, res, staff, 'dashboard-overview', 'Statistik', { cycles, figures: null });
    const [summary, regions, municipalities, seminars, timeline] = await Promise.all([
      this.statistics.summary(cycle.id),
      this.statistics.regions(cycle.id),
      this.statistics.municipalities(cycle.id),
      this.statistics.seminars(cycle.id),
      this.statistics.timeline(cycle.id),
    ]);
    const figures = dashboardView({
      summary,
      regions: regions.items,
      municipalities: municipalities.items,
      seminars: seminars.items,
      timeline: timeline.items,
    });
    this.page(req, res, staff, 'dashboard-overview', `Statistik for ${cycle.code}`, { cycles, figures });
  }

  /** The planners' list of seminars with their participants; KL gets 403 here. */
  @Get('seminarer')
  async seminarList(@Query('cycle') wanted: unknown, @Req() req: Request, @Res() res: Response) {
    const staff = await this.allowed(req, res, PLANNERS);
    if (!staff) return;
    const { cycles, cycle } = await this.chosenCycle(wanted);
    const items = cycle ? (await this.statistics.seminars(cycle.id)).items : [];
    this.page(req, res, staff, 'dashboard-seminars', 'Seminarer og deltagere', {
      cycles,
      cycle: cycle ? { code: cycle.code } : null,
      seminars: items.map((s) => ({
        title: s.title,
        venue: s.venue,
        startsAt: formatDanishDateTime(new Date(s.startsAt)),
        status: s.status,
        capacity: danishCount(s.capacity),
        registered: danishCount(s.registered),
        waitlisted: danishCount(s.waitlisted),
        attended: danishCount(s.attended),
        noShows: danishCount(s.noShows),
        fillRate: danishPercent(s.fillRate),
      })),
    });
  }

  /** The caller when logged in with one of the roles; otherwise answers with the log-in page or 403. */
  private async allowed(req: Request, res: Response, roles: StaffRole[]): Promise<AuthenticatedStaff | null> {
    const staff = await this.session.staffOf(req);
    if (!staff) {
      res.redirect(303, '/dashboard/login');
      return null;
    }
    if (!roles.includes(staff.role)) {
      res.status(403);
      this.send(
        res,
        this.views.render('dashboard-forbidden', {
          title: 'Ingen adgang',
          nav: this.nav(req, staff),
        }),
      );
      return null;
    }
    return staff;
  }

  /** The cycle asked for by id, else the newest; with the list for the chooser. */
  private async chosenCycle(wanted: unknown) {
    const all = await this.cycles.list();
    const id = typeof wanted === 'string' && /^\d+$/.test(wanted) ? Number(wanted) : null;
    const cycle: Cycle | null = all.find((c) => c.id === id) ?? all[0] ?? null;
    return {
      cycle,
      cycles: all.map((c) => ({ id: c.id, label: `${c.code} – ${c.name}`, selected: c.id === cycle?.id })),
    };
  }

  private nav(req: Request, staff: AuthenticatedStaff) {
    return {
      email: staff.email,
      planner: PLANNERS.includes(staff.role),
      csrf: this.session.sessionForm(req),
    };
  }

  private page(
    req: Request,
    res: Response,
    staff: AuthenticatedStaff,
    view: string,
    title: string,
    model: object,
  ) {
    this.send(res, this.views.render(view, { title, nav: this.nav(req, staff), ...model }));
  }

  private loginForm(req: Request, res: Response, status: number, problem: string | null, email: string) {
    res.status(status);
    this.send(
      res,
      this.views.render('dashboard-login', {
        title: 'Log ind',
        nav: null,
        problem,
        email,
        csrf: this.session.loginForm(req, res),
      }),
    );
  }

  private send(res: Response, html: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  }
}
