import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { DomainError } from '../../common/domain-error';
import { daysBetween, toLocal } from '../../common/local-time';
import { CyclesService } from '../../cycles/cycles.service';
import { readTable } from '../../cycles/import/read-table';
import { SeminarsService } from '../../planning/seminars.service';
import { Wave } from '../../planning/wave.entity';
import { WavesService } from '../../planning/waves.service';
import { readDay } from '../../planning/seminar-table';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { instantOf } from './plan-fields';
import { danishSpan, idParam, optionsOf, planPath, seminarRow, waveWindow } from './plan-view';
import { CopyWaveForm, SeminarTableForm, WAVE_FIELDS, WaveForm } from './plan.forms';
import { TableUploadRequest } from './table-upload.middleware';

const COPY_FIELDS = [...WAVE_FIELDS, 'days', 'startDate'] as const;

/** Planlægning: a cycle's waves with their seminars; create, edit and copy a wave; a table of seminars. */
@StaffPages('', 'admin', 'planner')
export class PlanPagesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly waves: WavesService,
    private readonly seminars: SeminarsService,
    private readonly cycleBar: CycleBarService,
  ) {}

  /** The menu's entry: the plan of the cycle one works in. */
  @Get('planlaegning')
  async start(@CurrentStaff() staff: AuthenticatedStaff, @Req() req: PageRequest) {
    const cycle = await this.cycleBar.active(staff);
    if (cycle) return redirect(planPath(cycle.id));
    return consolePage('console-plan-empty', {
      title: 'Planlægning',
      cycleBar: await this.cycleBar.bar(staff, req.path),
    });
  }

  @Get('valgperioder/:cycle/planlaegning')
  async plan(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query('oprettet') created: unknown,
    @Req() req: PageRequest,
  ) {
    const [{ cycle, bar }, waves, seminars] = await Promise.all([
      this.cycleBar.shown(cycleId, req.path),
      this.waves.listIn(cycleId),
      this.seminars.planned(cycleId),
    ]);
    return consolePage(
      'console-plan',
      {
        title: `Planlægning for ${cycle.code}`,
        breadcrumbs: [{ label: 'Planlægning' }],
        cycleBar: bar,
      },
      {
        base: planPath(cycleId),
        notice:
          typeof created === 'string' && /^\d+$/.test(created)
            ? `${created} seminarer er oprettet som kladder.`
            : null,
        waves: waves.map((w) => ({
          id: w.id,
          name: w.name,
          window: waveWindow(w),
          seminars: seminars.filter((s) => s.waveId === w.id).map(seminarRow),
        })),
      },
    );
  }

  @Get('valgperioder/:cycle/planlaegning/boelger/ny')
  newWave(@Req() req: PageRequest) {
    return this.waveForm(null, req);
  }

  @Post('valgperioder/:cycle/planlaegning/boelger/ny')
  @OnRefusal('waveForm')
  async createWave(@Param('cycle', ParseIntPipe) cycleId: number, @Body() form: WaveForm) {
    await this.waves.create(cycleId, waveInput(form));
    return redirect(planPath(cycleId));
  }

  @Get('valgperioder/:cycle/planlaegning/boelger/:wave/rediger')
  editWave(@Req() req: PageRequest) {
    return this.waveForm(null, req);
  }

  @Post('valgperioder/:cycle/planlaegning/boelger/:wave/rediger')
  @OnRefusal('waveForm')
  async updateWave(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('wave', ParseIntPipe) waveId: number,
    @Body() form: WaveForm,
  ) {
    await this.waves.update(cycleId, waveId, waveInput(form));
    return redirect(planPath(cycleId));
  }

  /** The form to create a wave or edit one, again after a refusal with what was typed. */
  async waveForm(refusal: Refusal | null, req: PageRequest) {
    const cycleId = idParam(req, 'cycle')!;
    const waveId = idParam(req, 'wave');
    const [cycle, wave] = await Promise.all([
      this.cycles.get(cycleId),
      waveId === null ? null : this.waves.get(cycleId, waveId),
    ]);
    const base = planPath(cycleId);
    return consolePage(
      'console-wave-form',
      {
        title: wave ? `Ret ${wave.name}` : 'Opret bølge',
        breadcrumbs: [planCrumb(cycleId, cycle.code), { label: wave ? wave.name : 'Opret bølge' }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        action: wave ? `${base}/boelger/${wave.id}/rediger` : `${base}/boelger/ny`,
        submit: wave ? 'Gem ændringer' : 'Opret bølgen',
        back: base,
        problems: problemsOf(refusal),
        fields: fieldsOf(WAVE_FIELDS, refusal, wave ? storedWave(wave) : {}),
      },
    );
  }

  @Get('valgperioder/:cycle/planlaegning/boelger/:wave/kopier')
  copyWaveForm(@Req() req: PageRequest) {
    return this.waveCopyForm(null, req);
  }

  @Post('valgperioder/:cycle/planlaegning/boelger/:wave/kopier')
  @OnRefusal('waveCopyForm')
  async copyWave(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('wave', ParseIntPipe) waveId: number,
    @Body() form: CopyWaveForm,
  ) {
    const source = await this.waves.get(cycleId, waveId);
    const first = (await this.seminars.list({ waveId }))[0];
    const days = daysOfCopy(
      form,
      first ? toLocal(first.startsAt).date : toLocal(source.registrationOpensAt).date,
    );
    await this.waves.copy(cycleId, waveId, { ...waveInputDates(form), name: form.name, days });
    return redirect(planPath(cycleId));
  }

  async waveCopyForm(refusal: Refusal | null, req: PageRequest) {
    const cycleId = idParam(req, 'cycle')!;
    const [cycle, wave, seminars] = await Promise.all([
      this.cycles.get(cycleId),
      this.waves.get(cycleId, idParam(req, 'wave')!),
      this.seminars.list({ waveId: idParam(req, 'wave')! }),
    ]);
    return consolePage(
      'console-wave-copy',
      {
        title: `Kopiér ${wave.name}`,
        breadcrumbs: [planCrumb(cycleId, cycle.code), { label: `Kopiér ${wave.name}` }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        action: `${planPath(cycleId)}/boelger/${wave.id}/kopier`,
        back: planPath(cycleId),
        count: seminars.filter((s) => s.status !== 'cancelled').length,
        problems: problemsOf(refusal),
        fields: fieldsOf(COPY_FIELDS, refusal, { name: `${wave.name} (kopi)` }),
      },
    );
  }

  @Get('valgperioder/:cycle/planlaegning/tabel')
  tableForm(@Req() req: PageRequest) {
    return this.tablePage(null, req);
  }

  /** The table's dry run: each row's result; with `commit` and a clean table, the seminars are written. */
  @Post('valgperioder/:cycle/planlaegning/tabel')
  @OnRefusal('tablePage')
  async planTable(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() form: SeminarTableForm,
    @Req() req: TableUploadRequest,
  ) {
    const waveId = Number(form.waveId);
    await this.waves.get(cycleId, waveId);
    if (req.uploadProblem === 'too_large')
      throw new DomainError('payload_too_large', 'import.file_too_large', 'The file is larger than 10 MB', [
        { field: 'fil', reason: 'too large' },
      ]);
    const file = req.files?.find((f) => f.size > 0);
    const { rows } = await readTable(file ? file.buffer : Buffer.from(form.table ?? '', 'utf8'));
    const result = await this.seminars.planTable(waveId, rows, form.commit === '1' && !file);
    if (result.created > 0) return redirect(`${planPath(cycleId)}?oprettet=${result.created}`);
    // An uploaded file's rows come back as text to paste, so that committing posts what was previewed.
    if (file) req.body = { ...req.body, table: rows.map((r) => r.join('\t')).join('\n') };
    return this.tablePage(null, req, result.rows);
  }

  async tablePage(
    refusal: Refusal | null,
    req: PageRequest,
    preview?: Awaited<ReturnType<SeminarsService['planTable']>>['rows'],
  ) {
    const cycleId = idParam(req, 'cycle')!;
    const [cycle, waves] = await Promise.all([this.cycles.get(cycleId), this.waves.listIn(cycleId)]);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const query = req.query as Record<string, unknown>;
    const chosen = String(body.waveId ?? query.boelge ?? waves[0]?.id ?? '');
    const rows = preview ?? null;
    return consolePage(
      'console-seminar-table',
      {
        title: 'Indsæt en tabel med seminarer',
        breadcrumbs: [planCrumb(cycleId, cycle.code), { label: 'Tabel med seminarer' }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        action: `${planPath(cycleId)}/tabel`,
        back: planPath(cycleId),
        problems: problemsOf(refusal),
        waves: optionsOf(
          waves,
          (w) => String(w.id),
          (w) => w.name,
          chosen,
        ),
        table: typeof body.table === 'string' ? body.table : '',
        committable: rows && rows.length > 0 && rows.every((r) => r.seminar) ? rows.length : null,
        preview: rows && {
          rows: rows.map((r) => ({
            row: r.row,
            cells: r.cells.join(' · '),
            ok: r.seminar !== null,
            result: r.seminar ? seminarLine(r.seminar) : null,
            errors: r.errors,
          })),
          wrong: rows.filter((r) => !r.seminar).length,
          clean: rows.length > 0 && rows.every((r) => r.seminar),
          empty: rows.length === 0,
          count: rows.length,
        },
      },
    );
  }
}

const planCrumb = (cycleId: number, code: string): Crumb => ({
  label: `Planlægning ${code}`,
  href: planPath(cycleId),
});

function seminarLine(s: { title: string; startsAt: Date; endsAt: Date; capacity: number }): string {
  return `${s.title}: ${danishSpan(s.startsAt, s.endsAt)}, ${s.capacity} pladser`;
}

function storedWave(w: Wave) {
  const opens = toLocal(w.registrationOpensAt);
  const closes = toLocal(w.registrationClosesAt);
  return {
    name: w.name,
    registrationOpensAt: opens.date,
    registrationOpensAtTime: opens.time,
    registrationClosesAt: closes.date,
    registrationClosesAtTime: closes.time,
  };
}

function waveInputDates(form: WaveForm) {
  return {
    registrationOpensAt: instantOf(form.registrationOpensAt, form.registrationOpensAtTime),
    registrationClosesAt: instantOf(form.registrationClosesAt, form.registrationClosesAtTime),
  };
}

function waveInput(form: WaveForm) {
  const dates = waveInputDates(form);
  return {
    name: form.name,
    registrationOpensAt: dates.registrationOpensAt.toISOString(),
    registrationClosesAt: dates.registrationClosesAt.toISOString(),
  };
}

/** The days a wave's copy moves: typed, or from the first seminar's day to the new first day. */
function daysOfCopy(form: CopyWaveForm, firstDay: string): number {
  if (form.startDate) return daysBetween(firstDay, readDay(form.startDate)!);
  if (form.days) return Number(form.days);
  throw new DomainError(
    'validation_failed',
    'wave.copy_needs_shift',
    'Give a number of days or a new first day',
    [{ field: 'days', reason: 'is required' }],
  );
}
