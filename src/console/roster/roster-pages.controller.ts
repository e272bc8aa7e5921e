import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { callerOf } from '../../cycles/caller';
import { MembersService } from '../../cycles/members.service';
import { AuditLogService } from '../../cycles/gdpr/audit-log.service';
import { DomainError } from '../../common/domain-error';
import { formatDanishDate } from '../../common/danish-time';
import { MemberRegisterService } from '../../invitations/member-register.service';
import { STATUS_IN_DANISH } from '../../invitations/member-register';
import { ReferenceService } from '../../reference/reference.service';
import { SeatViewsService } from '../../registrations/seat-views.service';
import { SeatService } from '../../registrations/seat.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { download, redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { areaChoices } from '../participation/area-choices';
import { BookSearchQuery, MoveForm, MoveQuery, RosterQuery } from './roster.query';
import {
  badgeSheets,
  freeSeats,
  mailOf,
  moveChoices,
  nextUp,
  plannerRefusal,
  ROSTER_NOTICES,
  rosterCsv,
  rosterLines,
  searchLines,
} from './roster-view';

/** Members found when booking in; a narrower search finds the rest. */
const FOUND_SHOWN = 25;

/** What a question page shows: facts, the e-mail it sends, and the form that does it (or why it can't). */
interface Question {
  heading: string;
  facts: string[];
  action: string | null;
  button: string;
  choices?: ReturnType<typeof moveChoices>;
  alternative?: { href: string; label: string } | null;
}

/**
 * A seminar's roster (participants and waiting list, with the needs the venue must know and the
 * party list, which is why only planners see it), its printable list, badges and CSV; booking in,
 * moving, cancelling and promoting through SeatService, each asked once with the e-mail it sends.
 */
@StaffPages('seminarer/:seminar', 'admin', 'planner')
export class RosterPagesController {
  constructor(
    private readonly seatViews: SeatViewsService,
    private readonly seats: SeatService,
    private readonly register: MemberRegisterService,
    private readonly members: MembersService,
    private readonly audit: AuditLogService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get('deltagere')
  async roster(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Query() query: RosterQuery,
    @Req() req: PageRequest,
  ) {
    const r = await this.load(seminarId);
    const base = `/seminarer/${seminarId}/deltagere`;
    const q = query.q ?? '';
    const participants = q ? searchLines(r.participants, q) : r.participants;
    const waitingList = r.waitingList.map((l, i) => ({ position: i + 1, ...l }));
    return consolePage('console-roster', await this.shell(r, req), {
      notice: query.besked ? ROSTER_NOTICES[query.besked] : null,
      base,
      q,
      facts: r.facts,
      participants,
      searched: q !== '',
      waitingList: q ? waitingList.filter((l) => searchLines([l], q).length) : waitingList,
      printHref: `${base}/udskriv`,
      badgesHref: `/seminarer/${seminarId}/navneskilte`,
      csvHref: `${base}/eksport`,
      bookHref: `${base}/tilmeld`,
      checkinHref: `/seminarer/${seminarId}/fremmoede`,
    });
  }

  /** Personal data leaving the app (party and needs included), so recorded like the register's CSV. */
  @Get('deltagere/eksport')
  async csv(@Param('seminar', ParseIntPipe) seminarId: number, @CurrentStaff() staff: AuthenticatedStaff) {
    const r = await this.load(seminarId);
    const members = r.participants.length + r.waitingList.length;
    await this.audit.record(callerOf(staff), [
      {
        action: 'members.export',
        cycleId: r.seminar.cycleId,
        details: { members, from: 'roster', seminarId },
      },
    ]);
    return download(
      rosterCsv(r.participants, r.waitingList),
      'text/csv; charset=utf-8',
      `attachment; filename="deltagere-seminar-${seminarId}.csv"`,
    );
  }

  @Get('deltagere/udskriv')
  async print(@Param('seminar', ParseIntPipe) seminarId: number, @Req() req: PageRequest) {
    const r = await this.load(seminarId);
    return consolePage('console-roster-print', await this.shell(r, req, 'Deltagerliste til udskrift'), {
      facts: r.facts,
      rows: r.participants.map((l, i) => ({ number: i + 1, ...l })),
      back: `/seminarer/${seminarId}/deltagere`,
    });
  }

  @Get('navneskilte')
  async badges(@Param('seminar', ParseIntPipe) seminarId: number, @Req() req: PageRequest) {
    const r = await this.load(seminarId);
    return consolePage('console-badges', await this.shell(r, req, 'Navneskilte'), {
      seminarTitle: r.seminar.title,
      sheets: badgeSheets(r.participants).map((badges) => ({ badges })),
      back: `/seminarer/${seminarId}/deltagere`,
    });
  }

  /** Finds the cycle's members by name and municipality, each with where they stand now. */
  @Get('deltagere/tilmeld')
  async bookSearch(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Query() query: BookSearchQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const r = await this.load(seminarId);
    const searched = Boolean(query.q) || query.kommune !== undefined;
    const found = searched
      ? await this.register.page(
          r.seminar.cycleId,
          { q: query.q, municipality: query.kommune },
          callerOf(staff),
          1,
          FOUND_SHOWN,
        )
      : { rows: [], total: 0 };
    const base = `/seminarer/${seminarId}/deltagere/tilmeld`;
    return consolePage('console-roster-book', await this.shell(r, req, 'Tilmeld et medlem'), {
      action: base,
      q: query.q ?? '',
      ...(await areaChoices(this.reference, { kommune: query.kommune })),
      searched,
      more:
        found.total > found.rows.length
          ? `Viser de første ${found.rows.length} af ${found.total}. Søg mere præcist.`
          : null,
      found: found.rows
        .filter((m) => !m.erased)
        .map((m) => ({
          name: m.name,
          municipality: m.municipalityName,
          status: STATUS_IN_DANISH[m.status],
          href: `${base}/${m.id}`,
        })),
    });
  }

  @Get('deltagere/tilmeld/:member')
  bookQuestion(@Req() req: PageRequest) {
    return this.bookPage(null, req);
  }

  @Post('deltagere/tilmeld/:member')
  @OnRefusal('bookPage')
  async book(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Param('member', ParseIntPipe) memberId: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    const r = await this.load(seminarId);
    await this.members.get(r.seminar.cycleId, memberId, callerOf(staff));
    const seat = await this.seats.register(memberId, seminarId, { kind: 'planner', staffId: staff.id });
    return redirect(
      `/seminarer/${seminarId}/deltagere?besked=${seat.state === 'registered' ? 'tilmeldt' : 'venteliste'}`,
    );
  }

  /** Says what booking the member in does, or why it cannot (a seat elsewhere: move it instead). */
  async bookPage(refusal: Refusal | null, req: PageRequest) {
    const seminarId = Number(req.params.seminar);
    const staff = req.staff!;
    const r = await this.load(seminarId);
    const member = await this.members.get(r.seminar.cycleId, Number(req.params.member), callerOf(staff));
    const name = member.name ?? 'Medlemmet';
    const standing = await this.seatViews.standingSeat(r.seminar.cycleId, member.id);
    const title = r.seminar.title;
    let question: Question;
    if (standing && standing.seminar.id === seminarId) {
      question = { heading: `${name} står allerede på ${title}`, facts: [], action: null, button: '' };
    } else if (standing) {
      const where = standing.state === 'registered' ? 'en plads' : 'en plads på ventelisten';
      question = {
        heading: `${name} har allerede ${where} på ${standing.seminar.title}`,
        facts: [
          `Et medlem kan kun have én plads i valgperioden, så ${name} kan ikke tilmeldes ${title} ved siden af.`,
        ],
        action: null,
        button: '',
        alternative:
          standing.state === 'registered'
            ? {
                href: `/seminarer/${standing.seminar.id}/deltagere/${standing.registrationId}/flyt?til=${seminarId}`,
                label: `Flyt ${name} hertil i stedet`,
              }
            : null,
      };
    } else {
      const free = r.seminar.capacity - r.seminar.taken;
      question = {
        heading: `Tilmeld ${name} til ${title}`,
        facts: [
          free > 0 ? mailOf.booked(name, title) : mailOf.waitlisted(name, title, r.waitingList.length + 1),
        ],
        action: req.path,
        button: free > 0 ? 'Tilmeld' : 'Sæt på ventelisten',
      };
    }
    return this.questionPage(r, req, 'Tilmeld', question, refusal);
  }

  @Get('deltagere/:registration/flyt')
  moveQuestion(@Req() req: PageRequest) {
    return this.movePage(null, req);
  }

  @Post('deltagere/:registration/flyt')
  @OnRefusal('movePage')
  async move(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Param('registration', ParseIntPipe) registrationId: number,
    @Body() form: MoveForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    this.seatOf(await this.load(seminarId), registrationId);
    await this.seats.move(registrationId, form.seminarId, { kind: 'planner', staffId: staff.id });
    return redirect(`/seminarer/${seminarId}/deltagere?besked=flyttet`);
  }

  /** The seminars to move to with their free seats, the one e-mail the member gets, and who moves up here. */
  async movePage(refusal: Refusal | null, req: PageRequest) {
    const r = await this.load(Number(req.params.seminar));
    const seat = this.seatOf(r, Number(req.params.registration));
    const query = req.query as MoveQuery;
    const wanted = Number(refusal?.typed('seminarId') ?? query.til) || undefined;
    const seminars = await this.seatViews.seminarChoices(r.seminar.cycleId);
    const target = seminars.find((c) => c.id === wanted && c.id !== r.seminar.id);
    return this.questionPage(
      r,
      req,
      'Flyt',
      {
        heading: `Flyt ${seat.name} til et andet seminar`,
        facts: [
          mailOf.moved(seat.name, target?.title ?? null),
          `Pladsen på ${r.seminar.title} bliver ledig. ${nextUp(r.waitingSeats, r.seminar.title)}`,
        ],
        action: req.path,
        button: 'Flyt pladsen',
        choices: moveChoices(seminars, r.seminar.id, wanted),
      },
      refusal,
    );
  }

  @Get('deltagere/:registration/afbud')
  cancelQuestion(@Req() req: PageRequest) {
    return this.cancelPage(null, req);
  }

  @Post('deltagere/:registration/afbud')
  @OnRefusal('cancelPage')
  async cancel(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Param('registration', ParseIntPipe) registrationId: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    this.seatOf(await this.load(seminarId), registrationId);
    await this.seats.cancel(registrationId, { kind: 'planner', staffId: staff.id });
    return redirect(`/seminarer/${seminarId}/deltagere?besked=afbud`);
  }

  /** Says the member's e-mail, and who takes the place from the waiting list. */
  async cancelPage(refusal: Refusal | null, req: PageRequest) {
    const r = await this.load(Number(req.params.seminar));
    const seat = this.seatOf(r, Number(req.params.registration));
    const holds = seat.movable;
    return this.questionPage(
      r,
      req,
      'Afbud',
      {
        heading: holds
          ? `Annullér ${seat.name}s plads på ${r.seminar.title}`
          : `Fjern ${seat.name} fra ventelisten til ${r.seminar.title}`,
        facts: [
          mailOf.cancelled(seat.name, r.seminar.title),
          ...(holds ? [nextUp(r.waitingSeats, r.seminar.title)] : []),
          'Det kan ikke fortrydes herfra; medlemmet kan selv tage pladsen tilbage, mens den er ledig.',
        ],
        action: req.path,
        button: holds ? 'Annullér pladsen' : 'Fjern fra ventelisten',
      },
      refusal,
    );
  }

  @Get('deltagere/:registration/ryk-op')
  promoteQuestion(@Req() req: PageRequest) {
    return this.promotePage(null, req);
  }

  @Post('deltagere/:registration/ryk-op')
  @OnRefusal('promotePage')
  async promote(
    @Param('seminar', ParseIntPipe) seminarId: number,
    @Param('registration', ParseIntPipe) registrationId: number,
    @Body() _form: CsrfForm,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    this.seatOf(await this.load(seminarId), registrationId);
    await this.seats.promote(registrationId, { kind: 'planner', staffId: staff.id });
    return redirect(`/seminarer/${seminarId}/deltagere?besked=rykket-op`);
  }

  /** A free seat to one chosen from the waiting list; with none free it says what would make one. */
  async promotePage(refusal: Refusal | null, req: PageRequest) {
    const r = await this.load(Number(req.params.seminar));
    const seat = this.seatOf(r, Number(req.params.registration));
    const free = r.seminar.capacity - r.seminar.taken;
    return this.questionPage(
      r,
      req,
      'Ryk op',
      free > 0
        ? {
            heading: `Giv ${seat.name} en plads på ${r.seminar.title}`,
            facts: [`Seminaret har ${freeSeats(free)}.`, mailOf.promoted(seat.name, r.seminar.title)],
            action: req.path,
            button: 'Ryk op fra ventelisten',
          }
        : {
            heading: `Der er ingen ledig plads på ${r.seminar.title}`,
            facts: [
              `Seminaret er fuldt, så ${seat.name} kan ikke rykke op nu. Når en deltager melder afbud, eller seminaret får flere pladser, rykker den første på ventelisten op af sig selv.`,
            ],
            action: null,
            button: '',
          },
      refusal,
    );
  }

  private async questionPage(
    r: Awaited<ReturnType<RosterPagesController['load']>>,
    req: PageRequest,
    crumb: string,
    question: Question,
    refusal: Refusal | null,
  ) {
    return consolePage('console-roster-question', await this.shell(r, req, crumb), {
      ...question,
      choices: question.choices ?? null,
      alternative: question.alternative ?? null,
      refused: refusal ? plannerRefusal(refusal.code, refusal.summary) : null,
      back: `/seminarer/${r.seminar.id}/deltagere`,
    });
  }

  /** The seminar's roster with municipality names, and the facts every roster page heads with. */
  private async load(seminarId: number) {
    const { seminar, participants, waitingList } = await this.seatViews.roster(seminarId);
    const names = new Map((await this.reference.listMunicipalities()).map((m) => [m.code, m.name]));
    const nameOf = (code: number) => names.get(code) ?? String(code);
    const free = Math.max(0, seminar.capacity - seminar.taken);
    return {
      seminar,
      participants: rosterLines(participants, nameOf),
      waitingList: rosterLines(waitingList, nameOf),
      waitingSeats: waitingList,
      facts: {
        when: `${formatDanishDate(seminar.startsAt)} til ${formatDanishDate(seminar.endsAt)}`,
        venue: seminar.venue ? `${seminar.venue.name}, ${seminar.venue.town}` : '',
        seats: `${seminar.taken} af ${seminar.capacity} pladser taget – ${freeSeats(free)}`,
        waiting: waitingList.length === 0 ? 'Ingen' : `${waitingList.length}`,
      },
    };
  }

  /** A seat of this seminar's roster; another seminar's is a 404 here. */
  private seatOf(r: Awaited<ReturnType<RosterPagesController['load']>>, registrationId: number) {
    const seat = [...r.participants, ...r.waitingList].find((l) => l.registrationId === registrationId);
    if (!seat) throw DomainError.notFound('Registration', registrationId);
    return seat;
  }

  private async shell(
    r: { seminar: { id: number; title: string; cycleId: number } },
    req: PageRequest,
    last?: string,
  ) {
    const { cycle, bar } = await this.cycleBar.shown(r.seminar.cycleId, req.path);
    const roster = `/seminarer/${r.seminar.id}/deltagere`;
    return {
      title: last ? `${last}: ${r.seminar.title}` : `Deltagere på ${r.seminar.title}`,
      breadcrumbs: [
        { label: 'Valgperioder', href: '/valgperioder' },
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        { label: 'Planlægning', href: `/valgperioder/${cycle.id}/planlaegning` },
        { label: r.seminar.title, href: `/seminarer/${r.seminar.id}` },
        ...(last ? [{ label: 'Deltagere', href: roster }, { label: last }] : [{ label: 'Deltagere' }]),
      ],
      cycleBar: bar,
    };
  }
}
