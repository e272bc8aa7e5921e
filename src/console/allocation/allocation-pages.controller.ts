import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AllocationService, ProposalView } from '../../allocation/allocation.service';
import { defaultMaxPerParty } from '../../allocation/proposal-summary';
import { defaultMaxPerMunicipality } from '../../allocation/solver/allocate-seats';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { formatDanishDateTime } from '../../common/danish-time';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { SeminarsService } from '../../planning/seminars.service';
import { WavesService } from '../../planning/waves.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage } from '../shell/console-page';
import { danishCount } from '../statistics/dashboard-view';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { ALLOCATION_FIELDS, AllocationForm, proposalRequest } from './allocation.form';
import { CompareQuery, ReplanQuery } from './allocation.query';
import {
  applyText,
  compareRows,
  km,
  municipalityCsv,
  progressText,
  reviewModel,
  rulesText,
  scopeText,
  seatsText,
  STATUS_TEXT,
} from './allocation-view';

const base = (cycleId: number) => `/valgperioder/${cycleId}/fordeling`;

/**
 * Fordeling: start a proposal (K, P, preference bonus), follow its solve, review it, compare two,
 * apply one; and the re-plan of a cancelled or shrunk seminar. All through AllocationService.
 */
@StaffPages('', 'admin', 'planner')
export class AllocationPagesController {
  constructor(
    private readonly allocations: AllocationService,
    private readonly cycles: CyclesService,
    private readonly waves: WavesService,
    private readonly seminars: SeminarsService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('fordeling')
  @Roles('admin', 'planner')
  async section(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? base(cycle.id) : '/valgperioder');
  }

  @Get('valgperioder/:cycle/fordeling')
  list(@Param('cycle', ParseIntPipe) cycleId: number, @Req() req: PageRequest) {
    return this.startForm(null, req, cycleId);
  }

  @Post('valgperioder/:cycle/fordeling')
  @OnRefusal('startForm')
  async propose(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() form: AllocationForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const { proposal } = await this.allocations.propose(cycleId, proposalRequest(form), staff.id);
    return redirect(`${base(cycleId)}/${proposal.id}`);
  }

  /** The list of proposals with the form to start one, again after a refusal with what was typed. */
  async startForm(refusal: Refusal | null, req: PageRequest, cycleId = Number(req.params.cycle)) {
    const cycle = await this.cycles.get(cycleId);
    const [proposals, waves, seminars] = await Promise.all([
      this.allocations.list(cycle.id),
      this.waves.listIn(cycle.id),
      this.seminars.list({ cycleId: cycle.id }),
    ]);
    const waveNames = new Map(waves.map((w) => [w.id, w.name]));
    const largest = Math.max(0, ...seminars.map((s) => s.capacity));
    const fields = fieldsOf(ALLOCATION_FIELDS, refusal, {
      kommuneregel: 'til',
      partiregel: 'til',
      bonus: '',
    });
    const rows = proposals.map((p) => ({
      id: p.id,
      href: `${base(cycle.id)}/${p.id}`,
      created: formatDanishDateTime(new Date(p.createdAt)),
      scope: scopeText(p, waveNames),
      rules: rulesText(p),
      status: STATUS_TEXT[p.status],
      totalKm: p.totals ? km(p.totals.totalKm) : '–',
      averageKm: p.totals ? km(p.totals.averageKm) : '–',
      placed: p.totals ? `${danishCount(p.totals.placed)} af ${danishCount(p.totals.members)}` : '–',
    }));
    const comparable = proposals
      .filter((p) => p.totals)
      .map((p) => ({ value: p.id, label: `Forslag ${p.id}: ${rulesText(p)}` }));
    return consolePage('console-allocation', await this.shell(cycle, req), {
      action: base(cycle.id),
      problems: problemsOf(refusal),
      fields,
      waves: waves.map((w) => ({
        value: w.id,
        label: w.name,
        selected: String(w.id) === fields.bolge.value,
      })),
      municipalityRule: choices(fields.kommuneregel.value),
      partyRule: choices(fields.partiregel.value),
      kHint: `Tomt: seminarets pladser delt med 8 (${largest} pladser giver K = ${defaultMaxPerMunicipality(largest)}). Lavere K blander kommunerne mere, men giver længere rejser.`,
      pHint: `Et parti er et landsdækkende listebogstav; en lokalliste tæller som sit eget parti i sin kommune. Tomt: en tredjedel af pladserne (${largest} pladser giver P = ${defaultMaxPerParty(largest)}).`,
      proposals: rows,
      compare:
        comparable.length >= 2
          ? { action: `${base(cycle.id)}/sammenlign`, a: selected(comparable, 1), b: selected(comparable, 0) }
          : null,
    });
  }

  @Get('valgperioder/:cycle/fordeling/sammenlign')
  async compare(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: CompareQuery,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const [a, b] = await Promise.all([
      this.allocations.get(cycle.id, query.a),
      this.allocations.get(cycle.id, query.b),
    ]);
    const solved = a.summary && b.summary;
    return consolePage('console-allocation-compare', await this.shell(cycle, req, 'Sammenlign'), {
      a: { id: a.id, href: `${base(cycle.id)}/${a.id}`, rules: rulesText(a) },
      b: { id: b.id, href: `${base(cycle.id)}/${b.id}`, rules: rulesText(b) },
      ...(solved ? compareRows(a.summary!, b.summary!) : { rows: [], seminars: [] }),
      solved,
    });
  }

  /** What re-planning a cancelled seminar, or shrinking one below its seats, would mean; asked once. */
  @Get('valgperioder/:cycle/fordeling/omfordel')
  async replanForm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query() query: ReplanQuery,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const seminar = await this.seminars.get(query.seminar);
    const shrink = query.pladser !== undefined;
    const surplus = shrink ? seminar.taken - query.pladser! : 0;
    return consolePage('console-allocation-replan', await this.shell(cycle, req, 'Omfordel'), {
      action: base(cycle.id),
      seminar: { id: seminar.id, title: seminar.title, href: `/seminarer/${seminar.id}` },
      heading: shrink
        ? `${seminar.title} får ${seatsText(query.pladser!)} i stedet for ${seminar.capacity}`
        : `${seminar.title} er aflyst`,
      explanation: shrink
        ? `Der er ${seminar.taken} tilmeldte, så ${surplus} skal flyttes til andre seminarer. Forslaget flytter dem, der har kortest vej til et andet seminar med plads (ved lige afstand den senest tilmeldte), med de regler, du vælger. Alle andre beholder deres plads, og seminaret beholder sine ${seminar.capacity} pladser, indtil du anvender forslaget.`
        : 'Forslaget finder nye seminarer til dem, der mistede deres plads, da seminaret blev aflyst. Alle andre beholder deres plads.',
      pladser: shrink ? String(query.pladser) : '',
      back: `/seminarer/${seminar.id}`,
    });
  }

  @Get('valgperioder/:cycle/fordeling/:id')
  async review(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const proposal = await this.allocations.get(cycle.id, id);
    return this.reviewPage(cycle, proposal, req, null);
  }

  @Get('valgperioder/:cycle/fordeling/:id/kommuner.csv')
  async csv(@Param('cycle', ParseIntPipe) cycleId: number, @Param('id', ParseIntPipe) id: number) {
    const proposal = await this.allocations.get(cycleId, id);
    return download(
      municipalityCsv(proposal.summary?.seminars ?? []),
      'text/csv; charset=utf-8',
      `attachment; filename="fordeling-${id}-kommuner.csv"`,
    );
  }

  @Post('valgperioder/:cycle/fordeling/:id/anvend')
  @OnRefusal('refusedReview')
  async apply(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    await this.allocations.apply(cycleId, id, { kind: 'planner', staffId: staff.id });
    return redirect(`${base(cycleId)}/${id}`);
  }

  @Post('valgperioder/:cycle/fordeling/:id/kasser')
  @OnRefusal('refusedReview')
  async discard(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
  ) {
    await this.allocations.discard(cycleId, id);
    return redirect(`${base(cycleId)}/${id}`);
  }

  /** The review again, with the reason applying or discarding was refused at the top. */
  async refusedReview(refusal: Refusal, req: PageRequest) {
    const cycle = await this.cycles.get(Number(req.params.cycle));
    const proposal = await this.allocations.get(cycle.id, Number(req.params.id));
    return this.reviewPage(cycle, proposal, req, refusal);
  }

  private async reviewPage(cycle: Cycle, p: ProposalView, req: PageRequest, refusal: Refusal | null) {
    const waves = await this.waves.listIn(cycle.id);
    const here = `${base(cycle.id)}/${p.id}`;
    return consolePage('console-allocation-proposal', await this.shell(cycle, req, `Forslag ${p.id}`), {
      id: p.id,
      heading: `Forslag ${p.id}: ${rulesText(p)}`,
      scope: scopeText(p, new Map(waves.map((w) => [w.id, w.name]))),
      bonus: p.options.preferenceBonusKm.length
        ? p.options.preferenceBonusKm.map((x) => `${String(x).replace('.', ',')} km`).join(', ')
        : null,
      status: STATUS_TEXT[p.status],
      problems: problemsOf(refusal),
      progress: this.progress(cycle.id, p),
      error: p.status === 'failed' ? p.error : null,
      applied: p.appliedAt ? formatDanishDateTime(new Date(p.appliedAt)) : null,
      review: p.summary ? reviewModel(p.summary) : null,
      csvHref: `${here}/kommuner.csv`,
      apply:
        p.status === 'ready'
          ? { action: `${here}/anvend`, discard: `${here}/kasser`, text: applyText(p.placements ?? []) }
          : null,
      listHref: base(cycle.id),
    });
  }

  private progress(cycleId: number, p: ProposalView) {
    const self = `${base(cycleId)}/${p.id}`;
    return { solving: p.status === 'solving', text: progressText(p), self };
  }

  private async shell(cycle: Cycle, req: PageRequest, last?: string) {
    return {
      title: last ? `Fordeling i ${cycle.code}: ${last.toLowerCase()}` : `Fordeling i ${cycle.code}`,
      breadcrumbs: [
        { label: 'Valgperioder', href: '/valgperioder' },
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        ...(last
          ? [{ label: 'Fordeling', href: base(cycle.id) }, { label: last }]
          : [{ label: 'Fordeling' }]),
      ],
      cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
    };
  }
}

function choices(value: string) {
  return [
    { value: 'til', label: 'Til', selected: value !== 'fra' },
    { value: 'fra', label: 'Fra', selected: value === 'fra' },
  ];
}

function selected(options: { value: number; label: string }[], index: number) {
  return options.map((o, i) => ({ ...o, selected: i === index }));
}
