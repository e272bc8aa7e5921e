import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { copenhagenFields, copenhagenInstant } from '../../common/copenhagen-instant';
import { DomainError } from '../../common/domain-error';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { attachmentDisposition } from '../../materials/content-disposition';
import { MaterialsService, UploadedMaterialFile } from '../../materials/materials.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { fileNameOf } from '../import/upload.middleware';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { FieldView, fieldsOf, problemsOf } from '../shell/form-view';
import { FieldError } from '../../web/refusal';
import { MATERIAL_FIELDS, MaterialContentForm, MaterialForm } from './material.form';
import { MaterialUploadRequest } from './material-upload.middleware';
import { materialRow, membersTold, scopeLabel, seminarLabel, toldRows, toldText } from './material-view';

const NOTICES: Record<string, string> = {
  tilfoejet: 'Materialet er tilføjet.',
  erstattet: 'Materialet er erstattet.',
  trukket: 'Materialet er trukket tilbage.',
};

/**
 * Materialer: a cycle's materials (for one seminar or the whole cycle) with the date each becomes
 * available, who has been told, and replacing or withdrawing one. MaterialsService does the work,
 * as it does for the API; the announcer tells the members when the date comes.
 */
@StaffPages('', 'admin', 'planner')
export class MaterialPagesController {
  constructor(
    private readonly materials: MaterialsService,
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('materialer')
  async section(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/materialer` : '/valgperioder');
  }

  @Get('valgperioder/:cycle/materialer')
  list(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query('besked') notice: unknown,
    @Req() req: PageRequest,
  ) {
    return this.listPage(null, req, cycleId, typeof notice === 'string' ? notice : undefined);
  }

  @Post('valgperioder/:cycle/materialer')
  @OnRefusal('refusedMaterial')
  async add(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Body() form: MaterialForm,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: MaterialUploadRequest,
  ) {
    const availableFrom = copenhagenInstant(form.dato, form.tid);
    if (!availableFrom)
      throw new DomainError('validation_failed', 'material.available_invalid', 'No such date and time', [
        { field: 'dato', reason: 'no such date and time' },
      ]);
    const seminars = await this.materials.seminarsOf(cycleId);
    if (form.hoererTil !== 'alle' && !seminars.some((s) => s.id === Number(form.hoererTil)))
      throw new DomainError('validation_failed', 'material.seminar_unknown', 'Not a seminar of the cycle', [
        { field: 'hoererTil', reason: 'not a seminar of the cycle' },
      ]);
    const scope = form.hoererTil === 'alle' ? { cycleId } : { seminarId: Number(form.hoererTil) };
    const created = await this.materials.create(
      scope,
      { title: form.titel, availableFrom: availableFrom.toISOString(), url: form.link },
      uploaded(req),
      staff.id,
    );
    return redirect(`/valgperioder/${cycleId}/materialer/${created.id}?besked=tilfoejet`);
  }

  /** The list with the add form again, what stopped it at the top and beside the field. */
  refusedMaterial(refusal: Refusal, req: PageRequest) {
    return this.listPage(refusal, req, Number(req.params.cycle));
  }

  @Get('valgperioder/:cycle/materialer/:id')
  async show(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Query('besked') notice: unknown,
    @Req() req: PageRequest,
  ) {
    const { cycle, material, seminars, base } = await this.load(cycleId, id);
    const told = await this.materials.toldAbout(id);
    const toTell = material.announcedAt ? 0 : await this.materials.countToTell(material);
    return consolePage(
      'console-material',
      await this.shell(req, cycle, material.title, [{ label: material.title }]),
      {
        notice: typeof notice === 'string' ? (NOTICES[notice] ?? null) : null,
        material: materialRow(material, seminars, membersTold(told), base),
        announced: material.announcedAt !== null,
        toTell: toldText(toTell),
        told: toldRows(told),
        downloadHref: `${base}/${id}/fil`,
        replaceHref: `${base}/${id}/erstat`,
        withdrawHref: `${base}/${id}/traek-tilbage`,
        listHref: base,
      },
    );
  }

  @Get('valgperioder/:cycle/materialer/:id/fil')
  async file(@Param('cycle', ParseIntPipe) cycleId: number, @Param('id', ParseIntPipe) id: number) {
    await this.cycles.get(cycleId);
    const material = await this.materials.withContent({ cycleId }, id);
    if (material.kind === 'link') return redirect(material.url!);
    return download(material.content!, material.contentType!, attachmentDisposition(material.fileName!));
  }

  @Get('valgperioder/:cycle/materialer/:id/erstat')
  replaceForm(@Req() req: PageRequest) {
    return this.replacePage(null, req);
  }

  @Post('valgperioder/:cycle/materialer/:id/erstat')
  @OnRefusal('replacePage')
  async replace(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() form: MaterialContentForm,
    @Req() req: MaterialUploadRequest,
  ) {
    await this.cycles.get(cycleId);
    await this.materials.replace({ cycleId }, id, form.link, uploaded(req));
    return redirect(`/valgperioder/${cycleId}/materialer/${id}?besked=erstattet`);
  }

  /** Replacing asks once: it says who has been told and that they are not told again. */
  async replacePage(refusal: Refusal | null, req: PageRequest) {
    const { cycle, material, base } = await this.load(Number(req.params.cycle), Number(req.params.id));
    const told = membersTold(await this.materials.toldAbout(material.id));
    return consolePage(
      'console-material-replace',
      await this.shell(req, cycle, `Erstat ${material.title}`, [
        { label: material.title, href: `${base}/${material.id}` },
        { label: 'Erstat' },
      ]),
      {
        action: `${base}/${material.id}/erstat`,
        back: `${base}/${material.id}`,
        told: told > 0 ? toldText(told) : null,
        ...pageProblems(refusal, fieldsOf(['link'], refusal, {}).link),
      },
    );
  }

  @Get('valgperioder/:cycle/materialer/:id/traek-tilbage')
  async withdrawForm(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Req() req: PageRequest,
  ) {
    const { cycle, material, seminars, base } = await this.load(cycleId, id);
    const told = membersTold(await this.materials.toldAbout(id));
    return consolePage(
      'console-material-withdraw',
      await this.shell(req, cycle, `Træk ${material.title} tilbage`, [
        { label: material.title, href: `${base}/${id}` },
        { label: 'Træk tilbage' },
      ]),
      {
        material: { title: material.title, scope: scopeLabel(material, seminars) },
        told: told > 0 ? toldText(told) : null,
        action: `${base}/${id}/traek-tilbage`,
        back: `${base}/${id}`,
      },
    );
  }

  @Post('valgperioder/:cycle/materialer/:id/traek-tilbage')
  async withdraw(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() _form: CsrfForm,
  ) {
    await this.cycles.get(cycleId);
    await this.materials.remove({ cycleId }, id);
    return redirect(`/valgperioder/${cycleId}/materialer?besked=trukket`);
  }

  private async listPage(refusal: Refusal | null, req: PageRequest, cycleId: number, notice?: string) {
    const cycle = await this.cycles.get(cycleId);
    const base = `/valgperioder/${cycleId}/materialer`;
    const [materials, seminars] = await Promise.all([
      this.materials.list({ cycleId }),
      this.materials.seminarsOf(cycleId),
    ]);
    const rows = await Promise.all(
      materials.map(async (m) =>
        materialRow(m, seminars, membersTold(await this.materials.toldAbout(m.id)), base),
      ),
    );
    const today = copenhagenFields(new Date());
    const fields = fieldsOf(MATERIAL_FIELDS, refusal, { hoererTil: 'alle', dato: today.date, tid: '08:00' });
    return consolePage('console-materials', await this.shell(req, cycle, `Materialer i ${cycle.code}`, []), {
      notice: notice ? (NOTICES[notice] ?? null) : null,
      materials: rows,
      action: base,
      ...pageProblems(refusal, fields.link),
      fields,
      scopes: [
        { value: 'alle', label: 'Hele valgperioden (alle med en plads)' },
        ...seminars.map((s) => ({ value: String(s.id), label: seminarLabel(s) })),
      ].map((o) => ({ ...o, selected: o.value === fields.hoererTil.value })),
    });
  }

  private async load(cycleId: number, id: number) {
    const cycle = await this.cycles.get(cycleId);
    const [material, seminars] = await Promise.all([
      this.materials.get({ cycleId }, id),
      this.materials.seminarsOf(cycleId),
    ]);
    return { cycle, material, seminars, base: `/valgperioder/${cycleId}/materialer` };
  }

  private async shell(req: PageRequest, cycle: Cycle, title: string, tail: Crumb[]) {
    const crumbs: Crumb[] = [
      { label: 'Valgperioder', href: '/valgperioder' },
      { label: cycle.code, href: `/valgperioder/${cycle.id}` },
      tail.length
        ? { label: 'Materialer', href: `/valgperioder/${cycle.id}/materialer` }
        : { label: 'Materialer' },
      ...tail,
    ];
    return { title, breadcrumbs: crumbs, cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle) };
  }
}

/** The service names the fields `file` and `url`; the page calls them Fil and Link. */
const PAGE_FIELD: Record<string, { field: string; label: string }> = {
  file: { field: 'fil', label: 'Fil' },
  fil: { field: 'fil', label: 'Fil' },
  url: { field: 'link', label: 'Link' },
};

/** The error summary and the file field's problem, in the page's names. */
function pageProblems(refusal: Refusal | null, link: FieldView) {
  const problems = problemsOf(refusal);
  if (!refusal || !problems) return { problems: null, fileError: null, link };
  const errors: FieldError[] = problems.errors.map((e) => ({ ...e, ...PAGE_FIELD[e.field] }));
  const of = (field: string) => errors.find((e) => e.field === field)?.text ?? null;
  // A refused file (its type, its size) comes without a field: it can only be the file's.
  const aboutFile = errors.length === 0 && refusal.code.startsWith('material.');
  return {
    problems: { summary: problems.summary, errors },
    fileError: of('fil') ?? (aboutFile ? problems.summary : null),
    link: { ...link, error: link.error ?? of('link') },
  };
}

/** The form's file as the service takes it; a too large file is refused as the API refuses it. */
function uploaded(req: MaterialUploadRequest): UploadedMaterialFile | undefined {
  if (req.uploadProblem === 'too_large')
    throw new DomainError('payload_too_large', 'material.too_large', 'The file is too large', [
      { field: 'fil', reason: 'too large' },
    ]);
  const file = req.file;
  if (!file || (file.size === 0 && !file.originalname)) return undefined;
  return { originalname: fileNameOf(file), size: file.size, buffer: file.buffer };
}
