import { Get, Param, ParseIntPipe, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { toCsv } from '../../common/csv';
import { DomainError } from '../../common/domain-error';
import { formatDanishDate } from '../../common/danish-time';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { ResultsService } from '../../evaluations/results.service';
import { attachmentDisposition } from '../../materials/content-disposition';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import {
  freeTexts,
  groupNote,
  NamedFigures,
  questionChart,
  questionTable,
  responseTable,
  Table,
} from './results-view';

/** Which group the page shows: `?boelge=<id>`, `?seminar=<id>`, or the whole cycle. */
interface Choice {
  boelge?: string;
  seminar?: string;
}

const idOf = (value: unknown) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;

/**
 * Evaluering: the response rate of the cycle, its waves and seminars, and one group's results
 * (distributions, means, NPS, free text) as charts beside their tables, each table as CSV.
 * The figures are ResultsService's, so small groups are suppressed exactly as in the API.
 */
@StaffPages('', 'admin', 'planner')
export class EvaluationResultsPagesController {
  constructor(
    private readonly results: ResultsService,
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('evaluering')
  async section(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/evaluering` : '/valgperioder');
  }

  @Get('valgperioder/:cycle/evaluering')
  async page(@Param('cycle', ParseIntPipe) cycleId: number, @Query() query: Choice, @Req() req: PageRequest) {
    const { cycle, groups, chosen } = await this.figures(cycleId, query);
    const base = `/valgperioder/${cycleId}/evaluering`;
    const choice =
      chosen.level === 'Forløb' ? '' : `?${chosen.level === 'Bølge' ? 'boelge' : 'seminar'}=${chosen.id}`;
    const figures = chosen.group.figures;
    return consolePage(
      'console-evaluation',
      {
        title: `Evaluering af ${cycle.code}`,
        breadcrumbs: [
          { label: 'Valgperioder', href: '/valgperioder' },
          { label: cycle.code, href: `/valgperioder/${cycle.id}` },
          { label: 'Evaluering' },
        ],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        questionnaireHref: `${base}/spoergeskema`,
        version: groups.version,
        responses: tableView(
          responseTable(groups.all.map((g) => g.group)),
          1,
          groups.all.map((g) => ({ href: `${base}${g.query}`, current: g.query === choice })),
        ),
        responsesCsv: `${base}/svarprocent.csv`,
        chosen: {
          name: `${chosen.group.level}: ${chosen.group.name}`,
          responses: figures.responses,
          basedOn: figures.basedOn,
          note: groupNote(figures),
          suppressed: figures.suppressed,
        },
        questions: tableView(questionTable(figures)),
        questionsCsv: `${base}/resultater.csv${choice}`,
        charts: figures.questions.map((q, i) => questionChart(q, i)).filter((c) => c !== null),
        texts: freeTexts(figures),
      },
    );
  }

  @Get('valgperioder/:cycle/evaluering/svarprocent.csv')
  async responsesCsv(@Param('cycle', ParseIntPipe) cycleId: number) {
    const { cycle, groups } = await this.figures(cycleId, {});
    return csvOf(responseTable(groups.all.map((g) => g.group)), `Svarprocent ${cycle.code}.csv`);
  }

  @Get('valgperioder/:cycle/evaluering/resultater.csv')
  async questionsCsv(@Param('cycle', ParseIntPipe) cycleId: number, @Query() query: Choice) {
    const { cycle, chosen } = await this.figures(cycleId, query);
    return csvOf(questionTable(chosen.group.figures), `Evaluering ${cycle.code} – ${chosen.group.name}.csv`);
  }

  private async figures(cycleId: number, query: Choice) {
    const cycle: Cycle = await this.cycles.get(cycleId);
    const results = await this.results.results(cycleId, {});
    const all: Array<{ group: NamedFigures; query: string; level: NamedFigures['level']; id: number }> = [
      {
        group: { level: 'Forløb', name: cycle.name, figures: results.cycle! },
        query: '',
        level: 'Forløb',
        id: cycleId,
      },
      ...results.waves.map((w) => ({
        group: { level: 'Bølge' as const, name: w.name, figures: w },
        query: `?boelge=${w.waveId}`,
        level: 'Bølge' as const,
        id: w.waveId,
      })),
      ...results.seminars.map((s) => ({
        group: { level: 'Seminar' as const, name: `${s.title}, ${formatDanishDate(s.startsAt)}`, figures: s },
        query: `?seminar=${s.seminarId}`,
        level: 'Seminar' as const,
        id: s.seminarId,
      })),
    ];
    const [wave, seminar] = [idOf(query.boelge), idOf(query.seminar)];
    const chosen =
      seminar !== null
        ? all.find((g) => g.level === 'Seminar' && g.id === seminar)
        : wave !== null
          ? all.find((g) => g.level === 'Bølge' && g.id === wave)
          : all[0];
    if (!chosen) throw DomainError.notFound(seminar !== null ? 'Seminar' : 'Wave', seminar ?? wave!);
    return { cycle, groups: { all, version: results.questionnaireVersion }, chosen };
  }
}

/**
 * A table for the template: the cells before `headAt` plain, the cell at `headAt` the row's header
 * (a link when `links` gives one), the rest plain.
 */
function tableView(table: Table, headAt = 0, links: Array<{ href: string; current: boolean }> = []) {
  return {
    header: table.header,
    rows: table.rows.map((cells, i) => ({
      before: cells.slice(0, headAt),
      head: cells[headAt],
      link: links[i] ?? null,
      after: cells.slice(headAt + 1),
    })),
  };
}

function csvOf(table: Table, fileName: string) {
  return download(
    toCsv(table.header, table.rows),
    'text/csv; charset=utf-8',
    attachmentDisposition(fileName),
  );
}
