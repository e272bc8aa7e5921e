import { Get, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { ParticipationService } from '../../invitations/participation.service';
import { OutboxService } from '../../messaging/outbox.service';
import { StatisticsService } from '../../statistics/statistics.service';
import { PageRequest } from '../../web/page-request';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { danishCount } from '../statistics/dashboard-view';
import { funnelFigures, waveRows } from './overview-view';

/** Overblik: the working cycle at a glance, the planners' start page. */
@StaffPages('oversigt', 'admin', 'planner')
export class OverviewController {
  constructor(
    private readonly cycleBar: CycleBarService,
    private readonly participation: ParticipationService,
    private readonly statistics: StatisticsService,
    private readonly outbox: OutboxService,
  ) {}

  @Get()
  async overview(@CurrentStaff() staff: AuthenticatedStaff, @Req() req: PageRequest) {
    const { cycle, bar } = await this.cycleBar.working(staff, req.path);
    const shell = { title: 'Overblik', cycleBar: bar };
    if (!cycle) return consolePage('console-overview', shell, { overview: null });
    const [funnel, waves, failed] = await Promise.all([
      this.participation.funnelCounts(cycle.id),
      this.statistics.waveFigures(cycle.id),
      this.outbox.countFailed(cycle.id),
    ]);
    return consolePage(
      'console-overview',
      { ...shell, title: `Overblik over ${cycle.code}` },
      {
        overview: {
          cycle: { id: cycle.id, code: cycle.code, name: cycle.name },
          funnel: funnelFigures(cycle.id, funnel.counts, funnel.invited),
          waves: waveRows(waves),
          failed:
            failed === 0
              ? null
              : `${danishCount(failed)} ${failed === 1 ? 'e-mail' : 'e-mails'} kunne ikke leveres.`,
        },
      },
    );
  }
}
