import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { formatDanishDateTime } from '../common/danish-time';
import { Member } from '../cycles/member.entity';
import { PageSurvey } from '../evaluations/evaluations.service';
import { InvitationsService } from '../invitations/invitations.service';
import { attachmentDisposition } from '../materials/content-disposition';
import { MaterialsService } from '../materials/materials.service';
import { SEAT_CALENDAR_FILENAME } from '../messaging/seat-calendar';
import { PersonalLinkGuard } from '../web/link.guards';
import { OnRefusal } from '../web/page.interceptor';
import { CurrentMember, PageRequest } from '../web/page-request';
import { download, page, redirect } from '../web/page-result';
import { MemberPages } from '../web/pages.decorators';
import { Refusal } from '../web/refusal';
import { DeclineForm, NeedsForm, SeminarChoiceForm, WishesForm } from './portal.form';
import { PortalService } from './portal.service';

const NOTICES: Record<string, string> = {
  tilmeldt: 'Du er nu tilmeldt. Du får en bekræftelse på e-mail.',
  venteliste: 'Seminaret er fuldt, så du er skrevet på ventelisten.',
  afbud: 'Dit afbud er registreret. Du får en bekræftelse på e-mail.',
  fortrudt: 'Du har din plads igen. Du får en bekræftelse på e-mail.',
  skiftet:
    'Din plads er flyttet til det nye seminar. Du får en e-mail med den opdaterede kalenderinvitation.',
  bytte: 'Du står på ventelisten og beholder din plads, indtil der bliver plads.',
  bytteslettet: 'Du står ikke længere på ventelisten. Du beholder din plads.',
  meldtfra: 'Tak for dit svar. Vi sender dig ikke flere påmindelser om tilmelding.',
  oplysninger: 'Dine oplysninger er gemt.',
  oensker: 'Dine ønsker er gemt.',
};

const done = (token: string, notice: keyof typeof NOTICES) => redirect(`/p/${token}?besked=${notice}`);

/**
 * The member's personal pages. The token in the path is the only credential (PersonalLinkGuard):
 * a wrong, expired or replaced one gets the same neutral 404 page, and too many of them from one
 * address get 429. A refused form shows the page again with the refusal in Danish.
 */
@MemberPages('p/:token', PersonalLinkGuard)
export class PortalController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly portal: PortalService,
    private readonly materials: MaterialsService,
  ) {}

  @Get()
  show(@CurrentMember() member: Member, @Param('token') token: string, @Query('besked') notice: unknown) {
    return this.overview(member, token, typeof notice === 'string' ? (NOTICES[notice] ?? null) : null);
  }

  /**
   * "Besvar evalueringen": survey links are kept only as hashes, so the page cannot show the
   * e-mailed one; it gets a new one and sends the member on to the survey. Answered, not open yet
   * or closed: the page says so.
   */
  @Get('evaluering')
  async survey(@CurrentMember() member: Member, @Param('token') token: string) {
    const survey = await this.portal.survey(member, true);
    if (survey?.state === 'open') return redirect(`/evaluering/${survey.token}`);
    const text = survey && surveyText(survey);
    if (!text) return redirect(`/p/${token}`);
    return page('portal-survey', { title: 'Evaluering', token, text });
  }

  /** The seat as a calendar file, for members whose mail program dropped the invitation. */
  @Get('kalender.ics')
  async calendar(@CurrentMember() member: Member, @Param('token') token: string) {
    const ics = await this.portal.calendar(member, token);
    if (!ics) return redirect(`/p/${token}`);
    return download(ics, 'text/calendar; charset=utf-8', attachmentDisposition(SEAT_CALENDAR_FILENAME));
  }

  @Post('tilmeld')
  @OnRefusal('refused')
  async register(
    @CurrentMember() member: Member,
    @Param('token') token: string,
    @Body() form: SeminarChoiceForm,
  ) {
    const seat = await this.portal.register(member, form.seminarId);
    return done(token, seat.state === 'waitlisted' ? 'venteliste' : 'tilmeldt');
  }

  /** "Er du sikker?": what a cancellation will do, asked once before it is done. */
  @Get('afbud')
  async confirmCancel(@CurrentMember() member: Member, @Param('token') token: string) {
    const seat = await this.portal.cancelPreview(member);
    if (!seat) return redirect(`/p/${token}`);
    return page('portal-cancel', { title: 'Er du sikker?', token, seat });
  }

  /** Nothing to fill in: whatever else is posted is ignored, as the seat is the member's own. */
  @Post('afbud')
  @OnRefusal('refused')
  async cancel(@CurrentMember() member: Member, @Param('token') token: string) {
    await this.portal.cancel(member);
    return done(token, 'afbud');
  }

  @Post('fortryd-afbud')
  @OnRefusal('refused')
  async takeBack(@CurrentMember() member: Member, @Param('token') token: string) {
    await this.portal.takeBack(member);
    return done(token, 'fortrudt');
  }

  /** Waits for a full seminar while keeping the seat held now. */
  @Post('venteliste-skift')
  @OnRefusal('refused')
  async wishSwap(
    @CurrentMember() member: Member,
    @Param('token') token: string,
    @Body() form: SeminarChoiceForm,
  ) {
    const seat = await this.portal.wishSwap(member, form.seminarId);
    return done(token, seat.state === 'swap_waiting' ? 'bytte' : 'skiftet');
  }

  @Post('venteliste-skift/fortryd')
  @OnRefusal('refused')
  async withdrawSwap(@CurrentMember() member: Member, @Param('token') token: string) {
    await this.portal.withdrawSwap(member);
    return done(token, 'bytteslettet');
  }

  @Get('kan-ikke-deltage')
  confirmDecline(@Param('token') token: string) {
    return page('portal-decline', { title: 'Jeg kan ikke deltage', token, reason: '', fieldError: null });
  }

  @Post('kan-ikke-deltage')
  @OnRefusal('refusedDecline')
  async decline(@CurrentMember() member: Member, @Param('token') token: string, @Body() form: DeclineForm) {
    await this.portal.decline(member, form.reason ?? '');
    return done(token, 'meldtfra');
  }

  /** The decline form again with the refusal beside the field and the reason as typed. */
  refusedDecline(refusal: Refusal, req: PageRequest) {
    if (!refusal.field('reason')) return this.refused(refusal, req);
    return page('portal-decline', {
      title: 'Jeg kan ikke deltage',
      token: String(req.params.token),
      reason: refusal.typed('reason') ?? '',
      problem: refusal.summary,
      fieldError: refusal.field('reason'),
    });
  }

  @Post('skift')
  @OnRefusal('refused')
  async move(
    @CurrentMember() member: Member,
    @Param('token') token: string,
    @Body() form: SeminarChoiceForm,
  ) {
    await this.portal.move(member, form.seminarId);
    return done(token, 'skiftet');
  }

  @Post('oplysninger')
  @OnRefusal('refused')
  async needs(@CurrentMember() member: Member, @Param('token') token: string, @Body() form: NeedsForm) {
    await this.portal.saveNeeds(member, (form.diet ?? '').trim(), (form.accessibility ?? '').trim());
    return done(token, 'oplysninger');
  }

  @Post('oensker')
  @OnRefusal('refused')
  async preferences(
    @CurrentMember() member: Member,
    @Param('token') token: string,
    @Body() form: WishesForm,
  ) {
    const ranked = [form.rank1, form.rank2, form.rank3].filter((id): id is number => id !== undefined);
    await this.portal.savePreferences(member, { ranked, excluded: form.excluded ?? [] });
    return done(token, 'oensker');
  }

  /** The page again after a refused form, as the member finds it now, with what they typed kept. */
  async refused(refusal: Refusal, req: PageRequest) {
    const token = String(req.params.token);
    const member = (await this.invitations.resolve(token)) ?? req.member!;
    return this.overview(member, token, null, refusal);
  }

  private async overview(member: Member, token: string, notice: string | null, refusal?: Refusal) {
    const { survey, entitledToMaterials, ...model } = await this.portal.overview(member);
    return page('portal-overview', {
      title: 'Dit Kattegat-forløb',
      token,
      notice,
      problem: refusal?.summary ?? null,
      ...(refusal ? asTyped(model, refusal) : model),
      fieldErrors: {
        diet: refusal?.field('diet') ?? null,
        accessibility: refusal?.field('accessibility') ?? null,
      },
      materials: entitledToMaterials ? await this.materials.forMember(member) : [],
      survey: surveyModel(survey),
    });
  }
}

/** The page's evaluation section, for a member who attended. */
function surveyModel(survey: PageSurvey | null) {
  if (!survey || survey.state === 'none') return null;
  const closes =
    survey.state === 'ready' && survey.closesAt
      ? `Evalueringen er åben til ${formatDanishDateTime(survey.closesAt)}.`
      : null;
  return { ready: survey.state === 'ready', closes, text: surveyText(survey) };
}

/** What the page says of a survey that cannot be opened now; null for one that can. */
function surveyText(survey: PageSurvey): string | null {
  switch (survey.state) {
    case 'answered':
      return 'Tak, du har svaret på evalueringen.';
    case 'opens':
      return `Evalueringen åbner, når seminaret slutter ${formatDanishDateTime(survey.opensAt)}.`;
    case 'closed':
      return 'Evalueringen er lukket.';
    default:
      return null;
  }
}

type Overview = Omit<Awaited<ReturnType<PortalService['overview']>>, 'survey' | 'entitledToMaterials'>;

/** The forms filled in as the member sent them, not as they are stored. */
function asTyped(model: Overview, refusal: Refusal): Overview {
  const values = refusal.values;
  if ('diet' in values || 'accessibility' in values) {
    return {
      ...model,
      diet: refusal.typed('diet') ?? '',
      accessibility: refusal.typed('accessibility') ?? '',
    };
  }
  if (!RANK_FIELDS.some((field) => field in values) && !('excluded' in values)) return model;
  const excluded = new Set([values.excluded ?? []].flat().map(String));
  return {
    ...model,
    ranks: model.ranks.map((rank) => ({
      ...rank,
      options: rank.options.map((o) => ({ ...o, selected: refusal.typed(rank.field) === String(o.id) })),
    })),
    exclusions: model.exclusions.map((e) => ({ ...e, checked: excluded.has(String(e.id)) })),
  };
}

const RANK_FIELDS = ['rank1', 'rank2', 'rank3'];
