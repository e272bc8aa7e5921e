import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { resolveAuthSecret } from '../auth/auth-secret';
import { danishInputText, danishText } from '../common/danish-messages';
import { DomainError } from '../common/domain-error';
import { STATUS_BY_KIND } from '../common/exception.filter';
import { InvalidInput } from '../common/validation.pipe';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../cycles/member.entity';
import { MaterialsService } from '../materials/materials.service';
import { hashPersonalToken } from '../invitations/personal-token';
import { InvitationsService } from '../invitations/invitations.service';
import { attachmentDisposition } from '../materials/content-disposition';
import { SEAT_CALENDAR_FILENAME } from '../messaging/seat-calendar';
import { issueCsrf, verifyCsrf } from './csrf';
import { PortalService, RANKS } from './portal.service';
import { LinkPages } from './link-pages';

type Form = Record<string, unknown>;

const NOTICES: Record<string, string> = {
  tilmeldt: 'Du er nu tilmeldt. Du får en bekræftelse på e-mail.',
  venteliste: 'Seminaret er fuldt, så du er skrevet på ventelisten.',
  afbud: 'Dit afbud er registreret.',
  skiftet: 'Du er flyttet til det nye seminar.',
  oplysninger: 'Dine oplysninger er gemt.',
  oensker: 'Dine ønsker er gemt.',
};

/**
 * The member's personal pages. The token in the path is the only credential: a wrong, expired
 * or replaced one gets the same neutral 404 page, and too many of them from one address get 429
 * (see LinkPages).
 */
@ApiExcludeController()
@Public()
@Controller('p/:token')
export class PortalController {
  private readonly secret: string;

  constructor(
    private readonly invitations: InvitationsService,
    private readonly portal: PortalService,
    private readonly pages: LinkPages,
    private readonly materials: MaterialsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = resolveAuthSecret(config);
  }

  @Get()
  async show(
    @Param('token') token: string,
    @Query('besked') notice: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const member = await this.memberOf(token, req, res);
    if (!member) return;
    await this.page(
      res,
      200,
      token,
      member,
      typeof notice === 'string' ? (NOTICES[notice] ?? null) : null,
      null,
    );
  }

  /** The seat as a calendar file, for members whose mail program dropped the invitation. */
  @Get('kalender.ics')
  async calendar(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const member = await this.memberOf(token, req, res);
    if (!member) return;
    const ics = await this.portal.calendar(member, token);
    if (!ics) {
      res.redirect(303, `/p/${token}`);
      return;
    }
    res
      .status(200)
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': attachmentDisposition(SEAT_CALENDAR_FILENAME),
        'Cache-Control': 'no-store',
      })
      .send(ics);
  }

  @Post('tilmeld')
  register(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    return this.act(token, form, req, res, async (member) => {
      const seat = await this.portal.register(member, seminarIdOf(form));
      return seat.state === 'waitlisted' ? 'venteliste' : 'tilmeldt';
    });
  }

  @Post('afbud')
  cancel(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    return this.act(token, form, req, res, async (member) => {
      await this.portal.cancel(member);
      return 'afbud';
    });
  }

  @Post('skift')
  move(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    return this.act(token, form, req, res, async (member) => {
      await this.portal.move(member, seminarIdOf(form));
      return 'skiftet';
    });
  }

  @Post('oplysninger')
  needs(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    return this.act(token, form, req, res, async (member) => {
      await this.portal.saveNeeds(member, textOf(form, 'diet'), textOf(form, 'accessibility'));
      return 'oplysninger';
    });
  }

  @Post('oensker')
  preferences(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    return this.act(token, form, req, res, async (member) => {
      const ranked = RANKS.map((rank) => form[`rank${rank}`])
        .filter((v) => v !== undefined && v !== '')
        .map(toId);
      const raw = form.excluded;
      const excluded = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(toId);
      await this.portal.savePreferences(member, { ranked, excluded });
      return 'oensker';
    });
  }

  private async act(
    token: string,
    form: Form,
    req: Request,
    res: Response,
    work: (member: Member) => Promise<string>,
  ) {
    const member = await this.memberOf(token, req, res);
    if (!member) return;
    if (
      !verifyCsrf(this.secret, hashPersonalToken(token), {
        nonce: form.nonce as string,
        mac: form.mac as string,
      })
    ) {
      this.pages.send(res, 403, 'portal-expired-form', {
        title: 'Formularen er udløbet',
        backUrl: `/p/${token}`,
      });
      return;
    }
    try {
      const notice = await work(member);
      res.redirect(303, `/p/${token}?besked=${notice}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fresh = (await this.invitations.resolve(token)) ?? member;
      await this.page(res, STATUS_BY_KIND[error.kind], token, fresh, null, danishProblem(error));
    }
  }

  private async memberOf(token: string, req: Request, res: Response): Promise<Member | null> {
    if (this.pages.refusedForTooMany(req, res)) return null;
    const member = await this.invitations.resolve(token);
    if (!member) this.pages.unknownLink(req, res);
    return member;
  }

  private async page(
    res: Response,
    status: number,
    token: string,
    member: Member,
    notice: string | null,
    problem: string | null,
  ) {
    const model = await this.portal.overview(member);
    this.pages.send(res, status, 'portal-overview', {
      title: 'Dit Kattegat-forløb',
      token,
      csrf: issueCsrf(this.secret, hashPersonalToken(token)),
      notice,
      problem,
      ...model,
      materials: await this.materials.forMember(member),
    });
  }
}

/** The catalogue's text for a refusal; a field's problem is named by the field's label. */
function danishProblem(error: DomainError): string {
  if (!(error instanceof InvalidInput)) return danishText(error.code, error.params);
  return error.constraints
    .map((c) => `${LABELS[c.field] ?? c.field}: ${danishInputText(c.constraint, c.args)}`)
    .join(' ');
}

const LABELS: Record<string, string> = {
  seminarId: 'Seminar',
  diet: 'Kost og allergier',
  accessibility: 'Tilgængelighed',
};

const invalid = (field: string, constraint: string, args: unknown[] = []) =>
  new InvalidInput([{ field, reason: `breaks ${constraint}` }], [{ field, constraint, args }]);

function toId(value: unknown): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw invalid('seminarId', 'isIn');
  return id;
}

function seminarIdOf(form: Form): number {
  return toId(form.seminarId);
}

function textOf(form: Form, field: string): string {
  const value = form[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalid(field, 'isString');
  if (value.length > 500) throw invalid(field, 'maxLength', [500]);
  return value.trim();
}
