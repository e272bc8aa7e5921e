import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { toCsv } from '../../common/csv';
import { danishRowText } from '../../common/danish-messages';
import { DomainError } from '../../common/domain-error';
import { callerOf } from '../../cycles/caller';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { ImportJobsService, ImportJobView } from '../../cycles/import/import-jobs.service';
import { looksLikeCpr } from '../../cycles/import/row-problem';
import { attachmentDisposition } from '../../materials/content-disposition';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { FILTERS, FilterWord, jobLine, jobState, reportView } from './import-view';
import { fileNameOf, UploadRequest } from './upload.middleware';

const toList = ({ value }: { value: unknown }) =>
  value === undefined || Array.isArray(value) ? value : [value];

/** The report page's form: the Nyvalgt ticks of the rows shown, and what to do. */
export class ImportFileForm extends CsrfForm {
  @IsIn(['gem', 'indlaes'])
  handling: 'gem' | 'indlaes';

  /** The proposal's rows on the page, so that an unticked box counts as "not newly elected". */
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @Matches(/^\d+$/, { each: true })
  raekker?: string[];

  @IsOptional()
  @Transform(toList)
  @IsArray()
  @Matches(/^\d+$/, { each: true })
  nyvalgt?: string[];

  @IsOptional()
  @IsIn(['ja'])
  springOver?: 'ja';
}

const page = (value: unknown) =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;

/**
 * Importing members through the pages: upload one or many files, follow each file's check, read
 * its report, confirm the Nyvalgt proposal and commit. The jobs (ImportJobsService) run the same
 * import as the API and CLI. A municipal contact comes here from Min kommune and sees only its own.
 */
@StaffPages('', 'admin', 'planner', 'municipality')
export class ImportPagesController {
  constructor(
    private readonly jobs: ImportJobsService,
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('min-kommune/import')
  @Roles('municipality')
  async ownMunicipality(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/import` : '/min-kommune');
  }

  @Get('valgperioder/:cycle/import')
  async start(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.startPage(null, req, cycleId, staff);
  }

  @Post('valgperioder/:cycle/import')
  @OnRefusal('refusedUpload')
  async upload(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: UploadRequest,
  ) {
    await this.cycles.get(cycleId);
    if (req.uploadProblem === 'too_large')
      throw new DomainError('payload_too_large', 'import.file_too_large', 'A file is larger than 10 MB', [
        { field: 'filer', reason: 'too large' },
      ]);
    if (req.uploadProblem === 'too_many')
      throw new DomainError('validation_failed', 'import.too_many_files', 'At most 100 files at once', [
        { field: 'filer', reason: 'too many' },
      ]);
    const files = (req.files ?? []).filter((f) => f.size > 0 || f.originalname);
    const batch = await this.jobs.start(
      cycleId,
      files.map((f) => ({ name: fileNameOf(f), bytes: f.buffer })),
      callerOf(staff),
    );
    return redirect(`/valgperioder/${cycleId}/import/${batch}`);
  }

  /** The upload form again, with what stopped the upload at the top and beside the field. */
  refusedUpload(refusal: Refusal, req: PageRequest) {
    const cycleId = Number(req.params.cycle);
    return this.startPage(refusal, req, cycleId, req.staff!);
  }

  @Get('valgperioder/:cycle/import/filer/:job/afviste.csv')
  async rejectedRows(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('job', ParseIntPipe) jobId: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const { job, table } = await this.jobs.table(cycleId, jobId, callerOf(staff));
    const rejected = (job.report?.rows ?? []).filter((r) => r.status === 'rejected');
    const header = table.rows[(job.report?.file.headerRow ?? 1) - 1] ?? [];
    const width = Math.max(header.length, ...rejected.map((r) => table.rows[r.row - 1]?.length ?? 0));
    // The rows go back as they came, but a CPR number is not handed on (nor ever stored as a member's).
    const pad = (cells: string[]) =>
      Array.from({ length: width }, (_, i) =>
        looksLikeCpr(cells[i] ?? '') ? '(CPR-nummer fjernet)' : (cells[i] ?? ''),
      );
    const csv = toCsv(
      [...pad(header), 'Række', 'Årsag'],
      rejected.map((r) => [
        ...pad(table.rows[r.row - 1] ?? []),
        String(r.row),
        (r.reasons ?? []).map((p) => danishRowText(p.code, p.field, p.params)).join(' '),
      ]),
    );
    const base = job.fileName.replace(/\.(csv|xlsx)$/i, '');
    return download(csv, 'text/csv; charset=utf-8', attachmentDisposition(`Afviste rækker – ${base}.csv`));
  }

  @Get('valgperioder/:cycle/import/filer/:job')
  file(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('job', ParseIntPipe) jobId: number,
    @Query() query: Record<string, unknown>,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    return this.filePage(cycleId, jobId, query, staff, req, null);
  }

  /** The report page again, with why the commit (or the corrections) were refused at the top. */
  refusedDecision(refusal: Refusal, req: PageRequest) {
    const [cycleId, jobId] = [Number(req.params.cycle), Number(req.params.job)];
    return this.filePage(cycleId, jobId, {}, req.staff!, req, refusal);
  }

  private async filePage(
    cycleId: number,
    jobId: number,
    query: Record<string, unknown>,
    staff: AuthenticatedStaff,
    req: PageRequest,
    refusal: Refusal | null,
  ) {
    const shown = query.vis;
    const cycle = await this.cycles.get(cycleId);
    const job = await this.jobs.get(cycleId, jobId, callerOf(staff));
    const filter: FilterWord = FILTERS.some((f) => f.word === shown)
      ? (shown as FilterWord)
      : (job.report?.summary.rejected ?? 0) > 0
        ? 'afviste'
        : 'alle';
    const base = `/valgperioder/${cycleId}/import`;
    const line = jobLine(job, base);
    return consolePage(
      'import-file',
      {
        title: `Import af ${job.fileName}`,
        breadcrumbs: [...this.crumbs(cycle, staff), { label: 'Import', href: base }, { label: job.fileName }],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      {
        job: line,
        self: `${base}/filer/${job.id}`,
        problems: refusal ? { summary: refusal.summary, errors: [] } : null,
        batchHref: `${base}/${job.batch}`,
        formAction: `${base}/filer/${job.id}`,
        downloadHref: `${base}/filer/${job.id}/afviste.csv`,
        membersHref: staff.role === 'municipality' ? '/min-kommune' : `/valgperioder/${cycleId}/medlemmer`,
        checked: job.status === 'checked',
        mayCommit: job.status === 'checked',
        ...reportView(job, base, filter, page(query.side), page(query.forslag)),
      },
    );
  }

  @Post('valgperioder/:cycle/import/filer/:job')
  @OnRefusal('refusedDecision')
  async decide(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('job', ParseIntPipe) jobId: number,
    @Body() form: ImportFileForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const caller = callerOf(staff);
    const rows = (form.raekker ?? []).map(Number);
    if (rows.length > 0)
      await this.jobs.correct(cycleId, jobId, rows, (form.nyvalgt ?? []).map(Number), caller);
    if (form.handling === 'indlaes') await this.jobs.commit(cycleId, jobId, form.springOver === 'ja', caller);
    return redirect(
      `/valgperioder/${cycleId}/import/filer/${jobId}${form.handling === 'gem' ? '#nyvalgt' : ''}`,
    );
  }

  @Get('valgperioder/:cycle/import/:batch')
  async batch(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('batch') batch: string,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const jobs = await this.jobs.list(cycleId, batch, callerOf(staff));
    if (jobs.length === 0) throw DomainError.notFound('Import job', batch);
    const base = `/valgperioder/${cycleId}/import`;
    const lines = jobs.map((j) => jobLine(j, base));
    return consolePage(
      'import-batch',
      {
        title: jobs.length === 1 ? 'Kontrol af 1 fil' : `Kontrol af ${jobs.length} filer`,
        breadcrumbs: [...this.crumbs(cycle, staff), { label: 'Import', href: base }, { label: 'Filerne' }],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      {
        self: req.originalUrl,
        uploadHref: base,
        jobs: lines,
        running: lines.some((l) => l.state.running),
        totals: totalsOf(jobs),
      },
    );
  }

  private async startPage(
    refusal: Refusal | null,
    req: PageRequest,
    cycleId: number,
    staff: AuthenticatedStaff,
  ) {
    const cycle = await this.cycles.get(cycleId);
    const base = `/valgperioder/${cycleId}/import`;
    const recent = await this.jobs.list(cycleId, null, callerOf(staff));
    const batches = [...new Set(recent.map((j) => j.batch))].reverse().map((batch) => {
      const jobs = recent.filter((j) => j.batch === batch);
      return {
        href: `${base}/${batch}`,
        label: jobs.length === 1 ? jobs[0].fileName : `${jobs.length} filer: ${jobs[0].fileName} m.fl.`,
        state: summaryOf(jobs),
      };
    });
    return consolePage(
      'import-start',
      {
        title: `Importér medlemmer til ${cycle.code}`,
        breadcrumbs: [...this.crumbs(cycle, staff), { label: 'Import' }],
        cycleBar: await this.cycleBar.bar(staff, req.path, cycle),
      },
      {
        action: base,
        contact: staff.municipalityCode !== null && staff.role === 'municipality',
        problems: refusal ? { summary: refusal.summary, errors: refusal.errors } : null,
        fileError: refusal?.summary ?? null,
        batches,
      },
    );
  }

  private crumbs(cycle: Cycle, staff: AuthenticatedStaff): Crumb[] {
    if (staff.role === 'municipality') return [{ label: 'Min kommune', href: '/min-kommune' }];
    return [
      { label: 'Valgperioder', href: '/valgperioder' },
      { label: cycle.code, href: `/valgperioder/${cycle.id}` },
    ];
  }
}

function totalsOf(jobs: ImportJobView[]) {
  const sum = (key: 'created' | 'updated' | 'unchanged' | 'rejected') =>
    jobs.reduce((n, j) => n + (j.report?.summary[key] ?? 0), 0);
  return {
    created: sum('created'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    rejected: sum('rejected'),
  };
}

function summaryOf(jobs: ImportJobView[]): string {
  const states = jobs.map((j) => jobState(j).text);
  const committed = jobs.filter((j) => j.status === 'committed').length;
  if (committed === jobs.length) return 'Indlæst';
  if (jobs.length === 1) return states[0];
  return `${committed} af ${jobs.length} indlæst`;
}
