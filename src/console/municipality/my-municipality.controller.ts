import { Get, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { EvaluationsService } from '../../evaluations/evaluations.service';
import { ParticipationService } from '../../invitations/participation.service';
import { BouncesService } from '../../messaging/bounces/bounces.service';
import { ReferenceService } from '../../reference/reference.service';
import { PageRequest } from '../../web/page-request';
import { StaffPages } from '../../web/pages.decorators';
import { addressProblemRows } from '../messages/address-problems-view';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { danishCount } from '../statistics/dashboard-view';
import { funnelSteps, funnelTotals, StepState } from './funnel-view';

const STATE_TEXT: Record<StepState, string> = { done: 'ja', no: 'nej', open: 'endnu ikke' };
const MARK: Record<StepState, string> = { done: '✓ ', no: '✗ ', open: '' };

/** Min kommune: a municipal contact's own members and how far each came, in the working cycle. */
@StaffPages('min-kommune', 'municipality')
export class MyMunicipalityController {
  constructor(
    private readonly cycleBar: CycleBarService,
    private readonly participation: ParticipationService,
    private readonly evaluations: EvaluationsService,
    private readonly bounces: BouncesService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async page(@CurrentStaff() staff: AuthenticatedStaff, @Req() req: PageRequest) {
    const municipality = await this.reference.getMunicipality(staff.municipalityCode!);
    const cycle = await this.cycleBar.active(staff);
    const shell = {
      title: `Min kommune: ${municipality.name}`,
      cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
    };
    if (!cycle)
      return consolePage('console-my-municipality', shell, { municipality: municipality.name, funnel: null });
    const rows = await this.participation.municipalityFunnel(cycle.id, municipality.code);
    const ids = rows.map((r) => r.member.id);
    const [evaluated, problems] = await Promise.all([
      this.evaluations.answeredAmong(ids),
      this.bounces.addressProblems(cycle.id, municipality.code),
    ]);
    const bouncing = new Set(problems.map((p) => p.memberId));
    const members = rows.map((r) => ({
      href: `/valgperioder/${cycle.id}/medlemmer/${r.member.id}`,
      name: r.member.erasedAt ? 'Slettet medlem' : r.member.name,
      email: r.member.email ?? '',
      bouncing: bouncing.has(r.member.id),
      steps: funnelSteps({ ...r, evaluated: evaluated.has(r.member.id) }).map((s) => ({
        ...s,
        stateText: STATE_TEXT[s.state],
        mark: MARK[s.state],
      })),
    }));
    return consolePage('console-my-municipality', shell, {
      municipality: municipality.name,
      funnel: {
        cycle: { id: cycle.id, code: cycle.code },
        total: danishCount(members.length),
        totals: funnelTotals(members.map((m) => m.steps)).map((t) => ({ ...t, value: danishCount(t.value) })),
        members,
        bouncing: members.filter((m) => m.bouncing).length,
        problems: addressProblemRows(problems),
      },
    });
  }
}
