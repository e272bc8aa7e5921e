import { Get, NotFoundException, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { MIN_GROUP_SIZE, QuestionResult } from '../../evaluations/results';
import { ReferenceService } from '../../reference/reference.service';
import { StatisticsService } from '../../statistics/statistics.service';
import { PageRequest } from '../../web/page-request';
import { download } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { danishCount, danishPercent } from './dashboard-view';
import { figureView, shownTable, StatFigure, TableQuery } from './stat-figure';
import { tableCsv } from './stat-table';
import {
  cyclesFigure,
  distributionFigure,
  evaluationSeminarFigure,
  municipalityFigure,
  pairFigure,
  partyFigure,
  regionFigure,
  seminarFigure,
  timelineFigure,
  waveFigure,
} from './statistics-figures';
import { StatisticsQuery } from './statistics.query';
import { compareChoice, statisticsCycle } from './statistics-cycles';

/** The pages under /statistik, in the order of their sub-menu. */
const PAGES = [
  { href: '/statistik', label: 'Oversigt og regioner' },
  { href: '/statistik/kommuner', label: 'Kommuner' },
  { href: '/statistik/partier', label: 'Partier' },
  { href: '/statistik/seminarer', label: 'Seminarer' },
  { href: '/statistik/over-tid', label: 'Over tid' },
  { href: '/statistik/sammenlign', label: 'Sammenlign valgperioder' },
  { href: '/statistik/evaluering', label: 'Evaluering' },
];

interface Shown {
  path: string;
  title: string;
  cycle: Cycle | null;
  figures: StatFigure[];
  /** Page-specific parts of the model (the key figures, the compare form). */
  model?: object;
}

/**
 * KL's statistics, read-only, for the working cycle (or `?cycle=`): every figure a chart and a
 * table, and `?format=csv&tabel=…` the same table as CSV, with the page's sorting and search.
 */
@StaffPages('statistik', 'kl', 'planner', 'admin')
export class StatisticsPagesController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async overview(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.shownCycle(staff, query);
    if (!cycle)
      return this.respond(req, staff, query, { path: '/statistik', title: 'Statistik', cycle, figures: [] });
    const [summary, regions] = await Promise.all([
      this.statistics.summary(cycle.id),
      this.statistics.regions(cycle.id),
    ]);
    const t = summary.totals;
    const keyFigures = [
      { label: 'Nyvalgte', value: danishCount(t.newlyElected), text: 'valgt for første gang i valgperioden' },
      { label: 'Inviterede', value: danishCount(t.invited), text: 'nyvalgte med en invitation' },
      { label: 'Tilmeldte', value: danishCount(t.registered), text: 'nyvalgte med en plads' },
      { label: 'Deltog', value: danishCount(t.attended), text: 'nyvalgte registreret som mødt' },
      { label: 'Udeblev', value: danishCount(t.noShows), text: 'nyvalgte med plads, der ikke mødte op' },
      { label: 'Dækning', value: danishPercent(t.coverage), text: 'deltog ÷ nyvalgte' },
      {
        label: 'Seminarer',
        value: danishCount(summary.seminars.count),
        text: 'udbudte, aflyste ikke medregnet',
      },
      {
        label: 'Belægning',
        value: danishPercent(summary.seminars.fillRate),
        text: 'besatte pladser ÷ pladser, alle medlemmer',
      },
    ];
    return this.respond(req, staff, query, {
      path: '/statistik',
      title: `Statistik for ${cycle.code}`,
      cycle,
      figures: [regionFigure(regions.items, t)],
      model: { keyFigures },
    });
  }

  @Get('kommuner')
  async municipalities(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.cyclePage(req, staff, query, '/statistik/kommuner', 'Kommuner', async (cycle) => {
      const [listing, regions] = await Promise.all([
        this.statistics.municipalities(cycle.id),
        this.reference.listRegions(),
      ]);
      return [municipalityFigure(listing.items, new Map(regions.map((r) => [r.code, r.name])))];
    });
  }

  @Get('partier')
  async parties(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.cyclePage(req, staff, query, '/statistik/partier', 'Partier', async (cycle) => [
      partyFigure((await this.statistics.parties(cycle.id)).items),
    ]);
  }

  @Get('seminarer')
  async seminars(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.cyclePage(req, staff, query, '/statistik/seminarer', 'Seminarer', async (cycle) => {
      const [seminars, waves] = await Promise.all([
        this.statistics.seminars(cycle.id),
        this.statistics.waves(cycle.id),
      ]);
      return [seminarFigure(seminars.items), waveFigure(waves.items)];
    });
  }

  @Get('over-tid')
  async overTime(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.cyclePage(req, staff, query, '/statistik/over-tid', 'Over tid', async (cycle) => {
      const all = [...(await this.cycles.list())].reverse();
      const [timeline, cycles] = await Promise.all([
        this.statistics.timeline(cycle.id),
        this.statistics.compare(all.slice(-12).map((c) => String(c.id))),
      ]);
      return [timelineFigure(timeline.items), cyclesFigure(cycles)];
    });
  }

  @Get('evaluering')
  async evaluation(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.shownCycle(staff, query);
    const summary = cycle ? await this.statistics.summary(cycle.id) : null;
    const evaluation = summary?.evaluation ?? null;
    const seminars = cycle && evaluation ? (await this.statistics.seminars(cycle.id)).items : [];
    const answered = (evaluation?.overall.questions ?? []).filter(
      (q): q is QuestionResult & { distribution: Record<string, number> } => q.distribution !== undefined,
    );
    return this.respond(req, staff, query, {
      path: '/statistik/evaluering',
      title: cycle ? `Evaluering i ${cycle.code}` : 'Evaluering',
      cycle,
      figures: evaluation
        ? [evaluationSeminarFigure(evaluation, seminars, MIN_GROUP_SIZE), ...answered.map(distributionFigure)]
        : [],
      model: {
        evaluation: evaluation && {
          responses: danishCount(evaluation.overall.responses),
          responseRate: danishPercent(evaluation.overall.responseRate),
          suppressed: evaluation.overall.suppressed,
          threshold: MIN_GROUP_SIZE,
        },
      },
    });
  }

  @Get('sammenlign')
  async compare(
    @Query() query: StatisticsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.shownCycle(staff, query);
    const all = await this.cycles.list();
    const choice = compareChoice(all, cycle, query.a, query.b);
    const pair = choice ? await this.statistics.pair(choice.before, choice.after) : null;
    const figures = pair
      ? [
          pairFigure(pair, {
            id: 'regioner',
            heading: 'Dækning pr. region',
            label: 'Region',
            groups: pair.regions,
            totals: true,
            searchable: false,
          }),
          pairFigure(pair, {
            id: 'kommuner',
            heading: 'Dækning pr. kommune',
            label: 'Kommune',
            groups: pair.municipalities,
            totals: false,
            searchable: true,
          }),
          pairFigure(pair, {
            id: 'partier',
            heading: 'Dækning pr. parti',
            label: 'Parti',
            groups: pair.parties,
            totals: false,
            searchable: false,
          }),
        ]
      : [];
    const options = (selected: string | undefined) =>
      all.map((c) => ({ value: c.code, label: `${c.code} – ${c.name}`, selected: c.code === selected }));
    return this.respond(req, staff, query, {
      path: '/statistik/sammenlign',
      title: pair ? `${pair.before.code} sammenlignet med ${pair.after.code}` : 'Sammenlign valgperioder',
      cycle,
      figures,
      model: {
        compareForm: {
          before: options(pair?.before.code),
          after: options(pair?.after.code),
          search: query.q ?? '',
          tooFew: all.length < 2,
        },
        pairCodes: pair ? `statistik-${pair.before.code}-${pair.after.code}` : null,
      },
    });
  }

  private async cyclePage(
    req: PageRequest,
    staff: AuthenticatedStaff,
    query: StatisticsQuery,
    path: string,
    title: string,
    figures: (cycle: Cycle) => Promise<StatFigure[]>,
  ) {
    const cycle = await this.shownCycle(staff, query);
    return this.respond(req, staff, query, {
      path,
      title: cycle ? `${title} i ${cycle.code}` : title,
      cycle,
      figures: cycle ? await figures(cycle) : [],
    });
  }

  /** The page, or with `?format=csv&tabel=` exactly one of its tables as CSV. */
  private async respond(req: PageRequest, staff: AuthenticatedStaff, query: StatisticsQuery, shown: Shown) {
    const tableQuery: TableQuery = {
      order: query.sortering ? { column: query.sortering, direction: query.retning ?? 'ned' } : null,
      search: query.q ?? '',
    };
    const link = (changes: Record<string, string>) => {
      const kept = Object.entries(query).filter(
        ([key, value]) => typeof value === 'string' && key !== 'format' && key !== 'tabel',
      );
      const params = new URLSearchParams({ ...Object.fromEntries(kept), ...changes });
      return `${shown.path}?${params.toString()}`;
    };
    const prefix =
      (shown.model as { pairCodes?: string | null } | undefined)?.pairCodes ??
      `statistik-${shown.cycle?.code}`;
    if (query.format === 'csv') {
      const figure = shown.figures.find((f) => f.table.id === query.tabel);
      if (!figure) throw new NotFoundException();
      return download(
        tableCsv(shownTable(figure, tableQuery)),
        'text/csv; charset=utf-8',
        `attachment; filename="${prefix}-${figure.table.id}.csv"`,
      );
    }
    return consolePage(
      'statistics-page',
      {
        title: shown.title,
        breadcrumbs:
          shown.path === '/statistik'
            ? []
            : [{ label: 'Statistik', href: '/statistik' }, { label: shown.title }],
        cycleBar: await this.cycleBar.bar(staff, shown.path, shown.cycle ?? undefined),
      },
      {
        heading: shown.title,
        path: shown.path,
        cycle: shown.cycle && { code: shown.cycle.code, name: shown.cycle.name },
        subtitle: shown.path === '/statistik/sammenlign' ? null : (shown.cycle?.name ?? null),
        pages: PAGES.map((p) => ({ ...p, current: p.href === shown.path })),
        searchable: shown.figures.some((f) => f.searchable) && shown.path !== '/statistik/sammenlign',
        search: query.q ?? '',
        sortering: query.sortering ?? '',
        retning: query.retning ?? '',
        figures: shown.figures.map((f) => figureView(f, tableQuery, link)),
        keyFigures: null,
        compareForm: null,
        evaluation: null,
        ...shown.model,
      },
    );
  }

  /** The cycle asked for by id (an old bookmark), else the one the statistics open on. */
  private async shownCycle(staff: AuthenticatedStaff, query: StatisticsQuery): Promise<Cycle | null> {
    const all = await this.cycles.list();
    const asked = query.cycle ? all.find((c) => c.id === Number(query.cycle)) : undefined;
    return asked ?? statisticsCycle(all, await this.cycleBar.chosenId(staff));
  }
}
