import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { SurveyService } from '../evaluations/survey.service';
import { hashPersonalToken } from '../invitations/personal-token';
import { InvitationsService } from '../invitations/invitations.service';
import { formExpired, PageCsrf } from './csrf';
import { LinkLimiter } from './link-limiter';
import { isUnsafeMethod, PageRequest } from './page-request';

/**
 * What every page behind a token in its path shares: a link that does not work gets the one
 * neutral, counted 404 page, or the 429 page once its address has had too many (a link that works
 * always opens); a form posted to the
 * page must carry CSRF fields issued for this very link. The pages render through
 * HtmlExceptionFilter, so a refusal here is never JSON or English.
 */
abstract class LinkGuard implements CanActivate {
  constructor(
    private readonly limiter: LinkLimiter,
    private readonly csrf: PageCsrf,
  ) {}

  /**
   * Puts what the link opens on the request; false for a link that does not work. `tokenHash` is
   * the token as hashPersonalToken stores it.
   */
  protected abstract open(token: string, tokenHash: string, req: PageRequest): Promise<boolean>;

  /** The page the link opens, where a refused form leads back to. */
  protected abstract home(token: string): string;

  /** Whether a form posted with this link needs its CSRF fields checked. */
  protected takesForms(_req: PageRequest): boolean {
    return true;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const token = String(req.params.token);
    // Hashed once: the hash both finds a personal link and binds the page's forms.
    const tokenHash = hashPersonalToken(token);
    if (!(await this.open(token, tokenHash, req))) throw await this.limiter.refuse(req.ip ?? 'unknown');
    req.page = { csrfBinding: tokenHash, home: this.home(token) };
    if (
      isUnsafeMethod(req.method) &&
      this.takesForms(req) &&
      !this.csrf.verify(req.page.csrfBinding, req.body)
    )
      throw formExpired();
    return true;
  }
}

/** The member's personal link `/p/:token`: gives the handler `@CurrentMember()`. */
@Injectable()
export class PersonalLinkGuard extends LinkGuard {
  constructor(
    limiter: LinkLimiter,
    csrf: PageCsrf,
    private readonly invitations: InvitationsService,
  ) {
    super(limiter, csrf);
  }

  protected async open(token: string, tokenHash: string, req: PageRequest): Promise<boolean> {
    const member = await this.invitations.resolve(token, tokenHash);
    if (member) req.member = member;
    return member !== null;
  }

  protected home(token: string): string {
    return `/p/${token}`;
  }
}

/**
 * The evaluation link `/evaluering/:token`: gives the handler `@CurrentSurvey()`, open or answered
 * already. An answered link takes no answers, so there is no form of it to check: the page says it
 * was answered, whatever was posted.
 */
@Injectable()
export class SurveyLinkGuard extends LinkGuard {
  constructor(
    limiter: LinkLimiter,
    csrf: PageCsrf,
    private readonly surveys: SurveyService,
  ) {
    super(limiter, csrf);
  }

  protected async open(token: string, _tokenHash: string, req: PageRequest): Promise<boolean> {
    const link = await this.surveys.open(token);
    if (link.state === 'unknown') return false;
    req.survey = link;
    return true;
  }

  protected home(token: string): string {
    return `/evaluering/${token}`;
  }

  protected override takesForms(req: PageRequest): boolean {
    return req.survey?.state === 'open';
  }
}
