import { SEMINAR_STATUS_TEXT } from '../common/danish-statuses';
import { Get, Query } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import { formatDanishDateTime } from '../common/danish-time';
import { Cycle } from '../cycles/cycle.entity';
import { CyclesService } from '../cycles/cycles.service';
import { StatisticsService } from '../statistics/statistics.service';
import { page } from '../web/page-result';
import { StaffPages } from '../web/pages.decorators';
import { dashboardView, seminarRow } from './dashboard-view';

/** KL's dashboard and a planner's seminar overview, server-rendered, for signed-in staff. */
@StaffPages('dashboard', 'kl', 'planner', 'admin')
export class DashboardController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly cycles: CyclesService,
  ) {}

  @Get()
  async overview(@Query('cycle') wanted: unknown) {
    const { cycles, cycle } = await this.chosenCycle(wanted);
    if (!cycle) return page('dashboard-overview', { title: 'Statistik', cycles, figures: null });
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
    return page('dashboard-overview', { title: `Statistik for ${cycle.code}`, cycles, figures });
  }

  /** The planners' list of seminars with their participants; KL gets 403 here. */
  @Get('seminarer')
  @Roles('planner', 'admin')
  async seminarList(@Query('cycle') wanted: unknown) {
    const { cycles, cycle } = await this.chosenCycle(wanted);
    const items = cycle ? (await this.statistics.seminars(cycle.id)).items : [];
    return page('dashboard-seminars', {
      title: 'Seminarer og deltagere',
      cycles,
      cycle: cycle ? { code: cycle.code } : null,
      seminars: items.map((s) => ({
        ...seminarRow(s),
        startsAt: formatDanishDateTime(new Date(s.startsAt)),
        status: SEMINAR_STATUS_TEXT[s.status] ?? s.status,
      })),
    });
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
}
