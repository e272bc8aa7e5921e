import { Get, Query, Req } from '@nestjs/common';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { formatDanishDateTime } from '../../common/danish-time';
import { Cycle } from '../../cycles/cycle.entity';
import { SeminarStatus } from '../../planning/seminar.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { StatisticsService } from '../../statistics/statistics.service';
import { PageRequest } from '../../web/page-request';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { dashboardView, seminarRow } from './dashboard-view';

const SEMINAR_STATUS_TEXT: Record<SeminarStatus, string> = {
  draft: 'Kladde',
  published: 'Offentliggjort',
  cancelled: 'Aflyst',
  completed: 'Afholdt',
};

/** KL's statistics and a planner's seminar overview, for the working cycle (or `?cycle=`). */
@StaffPages('', 'kl', 'planner', 'admin')
export class StatisticsPagesController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('statistik')
  async overview(
    @Query('cycle') wanted: unknown,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.shownCycle(staff, wanted);
    const shell = {
      title: 'Statistik',
      cycleBar: await this.cycleBar.bar(staff, req.path, cycle ?? undefined),
    };
    if (!cycle) return consolePage('dashboard-overview', shell, { figures: null });
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
    return consolePage('dashboard-overview', { ...shell, title: `Statistik for ${cycle.code}` }, { figures });
  }

  /** The planners' list of seminars with their participants; KL gets 403 here. */
  @Get('seminarer')
  @Roles('planner', 'admin')
  async seminarList(
    @Query('cycle') wanted: unknown,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.shownCycle(staff, wanted);
    const items = cycle ? (await this.statistics.seminars(cycle.id)).items : [];
    return consolePage(
      'dashboard-seminars',
      {
        title: 'Seminarer og deltagere',
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle ?? undefined),
      },
      {
        cycle: cycle ? { code: cycle.code } : null,
        seminars: items.map((s) => ({
          ...seminarRow(s),
          startsAt: formatDanishDateTime(new Date(s.startsAt)),
          status: SEMINAR_STATUS_TEXT[s.status as SeminarStatus] ?? s.status,
        })),
      },
    );
  }

  /** The cycle asked for by id (an old bookmark), else the working cycle. */
  private async shownCycle(staff: AuthenticatedStaff, wanted: unknown): Promise<Cycle | null> {
    const id = typeof wanted === 'string' && /^\d+$/.test(wanted) ? Number(wanted) : null;
    const asked = id === null ? undefined : (await this.cycles.list()).find((c) => c.id === id);
    return asked ?? this.cycleBar.active(staff);
  }
}
