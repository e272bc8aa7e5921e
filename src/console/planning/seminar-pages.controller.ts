import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { formatDanishDateTime } from '../../common/danish-time';
import { toLocal } from '../../common/local-time';
import { CyclesService } from '../../cycles/cycles.service';
import { mayChangeStatus } from '../../planning/seminar-rules';
import { Seminar } from '../../planning/seminar.entity';
import { SeminarsService } from '../../planning/seminars.service';
import { VenuesService } from '../../planning/venues.service';
import { WavesService } from '../../planning/waves.service';
import { SeatViewsService } from '../../registrations/seat-views.service';
import { readDay } from '../../planning/seminar-table';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { instantOf } from './plan-fields';
import { danishSpan, idParam, optionsOf, planPath, SEMINAR_STATUS_TEXT } from './plan-view';
import {
  AGENDA_FIELDS,
  AgendaItemForm,
  AgendaMoveForm,
  COPY_ROWS,
  CopySeminarForm,
  SEMINAR_FIELDS,
  SeminarForm,
} from './plan.forms';

const NOTICES: Record<string, string> = {
  gemt: 'Seminaret er gemt.',
  oprettet: 'Seminaret er oprettet.',
};

/** A seminar's pages: details and agenda, create and edit, the programme, copies to other days. */
@StaffPages('seminarer', 'admin', 'planner')
export class SeminarPagesController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly waves: WavesService,
    private readonly venues: VenuesService,
    private readonly cycles: CyclesService,
    private readonly seats: SeatViewsService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('ny')
  newForm(@Req() req: PageRequest) {
    return this.seminarForm(null, req);
  }

  @Post('ny')
  @OnRefusal('seminarForm')
  async create(@Body() form: SeminarForm) {
    const seminar = await this.seminars.create({
      ...seminarInput(form),
      waveId: Number(form.waveId),
      status: form.status === 'published' ? 'published' : 'draft',
    });
    return redirect(`/seminarer/${seminar.id}?besked=oprettet`);
  }

  @Get(':seminar')
  async show(
    @Param('seminar', ParseIntPipe) id: number,
    @Query('besked') notice: unknown,
    @Req() req: PageRequest,
  ) {
    const seminar = await this.seminars.get(id);
    const [cycle, wave] = await Promise.all([
      this.cycles.get(seminar.cycleId),
      this.waves.get(seminar.cycleId, seminar.waveId),
    ]);
    return consolePage(
      'console-seminar',
      {
        title: seminar.title,
        breadcrumbs: [planCrumb(seminar.cycleId, cycle.code), { label: seminar.title }],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        notice: typeof notice === 'string' ? (NOTICES[notice] ?? null) : null,
        seminar: {
          id: seminar.id,
          wave: wave.name,
          when: danishSpan(seminar.startsAt, seminar.endsAt),
          venue: seminar.venue
            ? `${seminar.venue.name}, ${seminar.venue.address}, ${seminar.venue.postalCode} ${seminar.venue.town}`
            : '',
          seats: `${seminar.taken} af ${seminar.capacity}`,
          deadline: formatDanishDateTime(seminar.registrationDeadline),
          status: SEMINAR_STATUS_TEXT[seminar.status],
        },
        agenda: agendaRows(seminar),
        plan: planPath(seminar.cycleId),
      },
    );
  }

  @Get(':seminar/rediger')
  editForm(@Req() req: PageRequest) {
    return this.seminarForm(null, req);
  }

  /**
   * Saves the change; a published seminar's new time or venue, or its cancellation, first shows
   * who will get an e-mail about it and asks once (the form comes back with `confirmed`).
   */
  @Post(':seminar/rediger')
  @OnRefusal('seminarForm')
  async update(
    @Param('seminar', ParseIntPipe) id: number,
    @Body() form: SeminarForm,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const seminar = await this.seminars.get(id);
    const input = seminarInput(form, seminar);
    const cancelling = form.status === 'cancelled' && seminar.status !== 'cancelled';
    const moved =
      input.startsAt !== seminar.startsAt.toISOString() ||
      input.endsAt !== seminar.endsAt.toISOString() ||
      input.venueId !== seminar.venueId;
    if (seminar.status === 'published' && (moved || cancelling) && form.confirmed !== '1') {
      const told = await this.toBeTold(id, cancelling);
      if (told.length > 0) return this.confirmPage(seminar, form, told, cancelling, req);
    }
    await this.seminars.update(id, { ...input, ...(form.status ? { status: form.status } : {}) }, staff.id);
    return redirect(`/seminarer/${id}?besked=gemt`);
  }

  /** The form to create a seminar (`?boelge=`) or edit one, again after a refusal with what was typed. */
  async seminarForm(refusal: Refusal | null, req: PageRequest) {
    const id = idParam(req, 'seminar');
    const seminar = id === null ? null : await this.seminars.get(id);
    const cycle = seminar ? await this.cycles.get(seminar.cycleId) : await this.cycleBar.active(req.staff!);
    const [waves, venues] = await Promise.all([cycle ? this.waves.listIn(cycle.id) : [], this.venues.list()]);
    const query = req.query as Record<string, unknown>;
    const fields = fieldsOf(
      SEMINAR_FIELDS,
      refusal,
      seminar ? storedSeminar(seminar) : newSeminar(query.boelge),
    );
    const statuses = (['draft', 'published', 'cancelled'] as const).filter((s) =>
      seminar ? mayChangeStatus(seminar.status, s) : s !== 'cancelled',
    );
    const wave = seminar && waves.find((w) => w.id === seminar.waveId);
    const replan = refusal?.code === 'seminar.capacity_below_taken' && seminar;
    return consolePage(
      'console-seminar-form',
      {
        title: seminar ? `Ret ${seminar.title}` : 'Opret seminar',
        breadcrumbs: [
          ...(cycle ? [planCrumb(cycle.id, cycle.code)] : []),
          ...(seminar ? [{ label: seminar.title, href: `/seminarer/${seminar.id}` }] : []),
          { label: seminar ? 'Ret' : 'Opret seminar' },
        ],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle ?? undefined),
      },
      {
        action: seminar ? `/seminarer/${seminar.id}/rediger` : '/seminarer/ny',
        submit: seminar ? 'Gem ændringer' : 'Opret seminaret',
        back: seminar ? `/seminarer/${seminar.id}` : cycle ? planPath(cycle.id) : '/planlaegning',
        problems: problemsOf(refusal),
        replan: replan
          ? `/valgperioder/${seminar.cycleId}/fordeling/omfordel?seminar=${seminar.id}&pladser=${encodeURIComponent(fields.capacity.value.trim())}`
          : null,
        fields,
        wave: wave ? wave.name : null,
        waves: seminar
          ? []
          : optionsOf(
              waves,
              (w) => String(w.id),
              (w) => w.name,
              fields.waveId.value,
            ),
        venues: optionsOf(
          venues,
          (v) => String(v.id),
          (v) => `${v.name}, ${v.town}`,
          fields.venueId.value,
        ),
        statuses: statuses.map((s) => ({
          value: s,
          label: SEMINAR_STATUS_TEXT[s],
          selected: s === fields.status.value,
        })),
      },
    );
  }

  private async toBeTold(id: number, cancelling: boolean): Promise<string[]> {
    const seats = await this.seats.seminarSeats(id);
    const told = cancelling ? [...seats.participants, ...seats.waitingList] : seats.participants;
    return told
      .filter((s) => (cancelling ? s.state !== 'attended' : s.state === 'registered'))
      .map((s) => s.name ?? 'Slettet medlem');
  }

  private async confirmPage(
    seminar: Seminar,
    form: SeminarForm,
    told: string[],
    cancelling: boolean,
    req: PageRequest,
  ) {
    const cycle = await this.cycles.get(seminar.cycleId);
    const count = told.length === 1 ? '1 deltager' : `${told.length} deltagere`;
    return consolePage(
      'console-seminar-confirm',
      {
        title: cancelling ? `${count} får besked om aflysningen` : `${count} får en ændringsmail`,
        breadcrumbs: [
          planCrumb(seminar.cycleId, cycle.code),
          { label: seminar.title, href: `/seminarer/${seminar.id}` },
          { label: 'Bekræft' },
        ],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        action: `/seminarer/${seminar.id}/rediger`,
        back: `/seminarer/${seminar.id}/rediger`,
        cancelling,
        before: danishSpan(seminar.startsAt, seminar.endsAt),
        after: danishSpan(
          instantOf(form.startsAt, form.startsAtTime),
          instantOf(form.endsAt, form.endsAtTime),
        ),
        told,
        hidden: SEMINAR_FIELDS.flatMap((name) =>
          name !== 'waveId' && form[name] ? [{ name, value: form[name] }] : [],
        ),
        submit: cancelling
          ? 'Aflys og send besked'
          : `Gem og send ${told.length === 1 ? 'ændringsmailen' : `${told.length} ændringsmails`}`,
      },
    );
  }

  @Get(':seminar/program')
  agendaForm(@Req() req: PageRequest) {
    return this.agendaPage(null, req);
  }

  @Post(':seminar/program')
  @OnRefusal('agendaPage')
  async addItem(@Param('seminar', ParseIntPipe) id: number, @Body() form: AgendaItemForm) {
    await this.seminars.addAgendaItem(id, agendaInput(form));
    return redirect(`/seminarer/${id}/program`);
  }

  @Get(':seminar/program/:item')
  itemForm(@Req() req: PageRequest) {
    return this.agendaPage(null, req);
  }

  @Post(':seminar/program/:item')
  @OnRefusal('agendaPage')
  async updateItem(
    @Param('seminar', ParseIntPipe) id: number,
    @Param('item', ParseIntPipe) itemId: number,
    @Body() form: AgendaItemForm,
  ) {
    await this.seminars.updateAgendaItem(id, itemId, agendaInput(form));
    return redirect(`/seminarer/${id}/program`);
  }

  @Post(':seminar/program/:item/fjern')
  async removeItem(
    @Param('seminar', ParseIntPipe) id: number,
    @Param('item', ParseIntPipe) itemId: number,
    @Body() _form: CsrfForm,
  ) {
    await this.seminars.removeAgendaItem(id, itemId);
    return redirect(`/seminarer/${id}/program`);
  }

  @Post(':seminar/program/:item/flyt')
  async moveItem(
    @Param('seminar', ParseIntPipe) id: number,
    @Param('item', ParseIntPipe) itemId: number,
    @Body() form: AgendaMoveForm,
  ) {
    await this.seminars.moveAgendaItem(id, itemId, form.direction);
    return redirect(`/seminarer/${id}/program#punkt-${itemId}`);
  }

  /** The programme with its buttons and the form for a new point, or the form for one point (`:item`). */
  async agendaPage(refusal: Refusal | null, req: PageRequest) {
    const seminar = await this.seminars.get(idParam(req, 'seminar')!);
    const itemId = idParam(req, 'item');
    const item = itemId === null ? null : (seminar.agenda ?? []).find((i) => i.id === itemId);
    const cycle = await this.cycles.get(seminar.cycleId);
    const stored = item
      ? { ...localParts(item.startsAt), title: item.title, speaker: item.speaker }
      : { date: toLocal(seminar.startsAt).date };
    return consolePage(
      'console-seminar-agenda',
      {
        title: item ? `Ret programpunkt` : `Program for ${seminar.title}`,
        breadcrumbs: [
          planCrumb(seminar.cycleId, cycle.code),
          { label: seminar.title, href: `/seminarer/${seminar.id}` },
          ...(item ? [{ label: 'Program', href: `/seminarer/${seminar.id}/program` }] : []),
          { label: item ? 'Ret punkt' : 'Program' },
        ],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        base: `/seminarer/${seminar.id}`,
        when: danishSpan(seminar.startsAt, seminar.endsAt),
        editing: item !== null,
        action: item ? `/seminarer/${seminar.id}/program/${item!.id}` : `/seminarer/${seminar.id}/program`,
        agenda: item ? [] : agendaRows(seminar),
        problems: problemsOf(refusal),
        fields: fieldsOf(AGENDA_FIELDS, refusal, stored),
      },
    );
  }

  @Get(':seminar/kopier')
  copyForm(@Req() req: PageRequest) {
    return this.copyPage(null, req);
  }

  @Post(':seminar/kopier')
  @OnRefusal('copyPage')
  async copy(@Param('seminar', ParseIntPipe) id: number, @Body() form: CopySeminarForm) {
    const seminar = await this.seminars.get(id);
    const targets = COPY_ROWS.flatMap((n) => {
      const day = form[`date${n}`];
      const venue = form[`venue${n}`];
      return day ? [{ startDate: readDay(day)!, venueId: venue ? Number(venue) : seminar.venueId }] : [];
    });
    const copies = await this.seminars.copy(id, targets);
    return redirect(`${planPath(seminar.cycleId)}?oprettet=${copies.length}`);
  }

  async copyPage(refusal: Refusal | null, req: PageRequest) {
    const seminar = await this.seminars.get(idParam(req, 'seminar')!);
    const [cycle, venues] = await Promise.all([this.cycles.get(seminar.cycleId), this.venues.list()]);
    const names = COPY_ROWS.flatMap((n) => [`date${n}`, `venue${n}`] as const);
    const fields = fieldsOf(names, refusal, {});
    return consolePage(
      'console-seminar-copy',
      {
        title: `Kopiér ${seminar.title}`,
        breadcrumbs: [
          planCrumb(seminar.cycleId, cycle.code),
          { label: seminar.title, href: `/seminarer/${seminar.id}` },
          { label: 'Kopiér' },
        ],
        cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
      },
      {
        action: `/seminarer/${seminar.id}/kopier`,
        back: `/seminarer/${seminar.id}`,
        when: danishSpan(seminar.startsAt, seminar.endsAt),
        problems: problemsOf(refusal),
        rows: COPY_ROWS.map((n) => ({
          n,
          dateName: `date${n}`,
          venueName: `venue${n}`,
          date: fields[`date${n}`],
          venues: [
            {
              value: '',
              label: `Samme sted (${seminar.venue?.name ?? ''})`,
              selected: fields[`venue${n}`].value === '',
            },
            ...optionsOf(
              venues,
              (v) => String(v.id),
              (v) => `${v.name}, ${v.town}`,
              fields[`venue${n}`].value,
            ),
          ],
        })),
      },
    );
  }
}

const planCrumb = (cycleId: number, code: string): Crumb => ({
  label: `Planlægning ${code}`,
  href: planPath(cycleId),
});

function localParts(instant: Date) {
  const { date, time } = toLocal(instant);
  return { date, time };
}

function agendaRows(seminar: Seminar) {
  const agenda = seminar.agenda ?? [];
  return agenda.map((item, i) => ({
    id: item.id,
    when: formatDanishDateTime(item.startsAt),
    title: item.title,
    speaker: item.speaker,
    first: i === 0,
    last: i === agenda.length - 1,
  }));
}

/** The form as the seminar's new values; a moment left as the form showed it keeps the stored instant. */
function seminarInput(form: SeminarForm, stored?: Seminar) {
  // The form shows whole minutes: a seminar stored with seconds (through the API) must not count as moved.
  const moment = (date: string, time: string, before?: Date) => {
    const typed = instantOf(date, time);
    const shown = before && new Date(Math.floor(before.getTime() / 60_000) * 60_000);
    return (shown?.getTime() === typed.getTime() ? before! : typed).toISOString();
  };
  return {
    title: form.title,
    venueId: Number(form.venueId),
    startsAt: moment(form.startsAt, form.startsAtTime, stored?.startsAt),
    endsAt: moment(form.endsAt, form.endsAtTime, stored?.endsAt),
    capacity: Number(form.capacity),
    registrationDeadline: moment(
      form.registrationDeadline,
      form.registrationDeadlineTime,
      stored?.registrationDeadline,
    ),
  };
}

function agendaInput(form: AgendaItemForm) {
  return { startsAt: instantOf(form.date, form.time), title: form.title, speaker: form.speaker || null };
}

function storedSeminar(s: Seminar) {
  const at = (d: Date, name: string) => ({ [name]: toLocal(d).date, [`${name}Time`]: toLocal(d).time });
  return {
    waveId: String(s.waveId),
    title: s.title,
    venueId: String(s.venueId),
    capacity: String(s.capacity),
    status: s.status,
    ...at(s.startsAt, 'startsAt'),
    ...at(s.endsAt, 'endsAt'),
    ...at(s.registrationDeadline, 'registrationDeadline'),
  };
}

function newSeminar(wave: unknown) {
  return {
    waveId: typeof wave === 'string' ? wave : '',
    status: 'draft',
    capacity: '25',
    startsAtTime: '13:00',
    endsAtTime: '13:00',
    registrationDeadlineTime: '12:00',
  };
}
