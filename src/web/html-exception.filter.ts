import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import { Response } from 'express';
import { danishText, ErrorCode } from '../common/danish-messages';
import { DomainError } from '../common/domain-error';
import { classify, describeError } from '../common/exception.filter';
import { PageCsrf } from './csrf';
import { TooManyLinkAttempts } from './link-limiter';
import { PageRequest } from './page-request';
import { SIGN_IN_PATH, SignInRequired, StaffSession } from './staff-session';
import { ViewRenderer } from './view-renderer';

/**
 * The one error filter of the pages (the API keeps its JSON filter): every failure becomes a
 * neutral Danish page with the right status, never a stack trace or English. A link that does not
 * work, too many of them, an expired form, and a staff role without access have pages of their
 * own; anything else says the catalogue's text for its code.
 */
/** A staff page the role, or the municipal contact's municipality, does not open: the 403 page. */
const FORBIDDEN: ErrorCode[] = [
  'auth.role_not_allowed',
  'member.other_municipality',
  'member.region_not_allowed',
];

@Catch()
@Injectable()
export class HtmlExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly views: ViewRenderer,
    private readonly csrf: PageCsrf,
    private readonly session: StaffSession,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<PageRequest & { id?: string }>();
    const res = http.getResponse<Response>();
    const { status, code } = classify(exception);
    if (status >= 500) {
      this.logger.error({ error: describeError(exception), requestId: req.id }, 'Unhandled error');
    }
    if (res.headersSent) return;
    if (exception instanceof SignInRequired) {
      res.redirect(303, SIGN_IN_PATH);
      return;
    }
    if (exception instanceof TooManyLinkAttempts)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    const [view, model] = this.pageOf(req, code, exception);
    res.status(status).setHeader('Cache-Control', 'no-store');
    res.type('html').send(this.views.render(view, model));
  }

  private pageOf(req: PageRequest, code: ErrorCode, exception: unknown): [string, object] {
    const staff = req.staff;
    const csrf = req.page ? this.csrf.issue(req.page.csrfBinding) : null;
    if (staff) {
      const nav = this.session.nav(req, staff);
      const shell = { nav, csrf, breadcrumbs: [], cycleBar: null };
      if (FORBIDDEN.includes(code)) return ['console-forbidden', { ...shell, title: 'Ingen adgang' }];
      return ['console-error', { ...shell, title: titleOf(code), message: textOf(code, exception) }];
    }
    switch (code) {
      case 'link.unknown':
        return ['portal-unknown-link', { title: 'Linket virker ikke' }];
      case 'link.too_many_attempts':
        return ['portal-too-many', { title: 'For mange forsøg' }];
      case 'form.expired':
        return ['portal-expired-form', { title: 'Formularen er udløbet', backUrl: req.page?.home ?? '/' }];
      default:
        return ['page-error', { title: titleOf(code), message: textOf(code, exception) }];
    }
  }
}

function titleOf(code: ErrorCode): string {
  if (code === 'request.not_found') return 'Siden findes ikke';
  if (code === 'internal.error' || code === 'service.unavailable') return 'Der skete en fejl';
  return 'Det kunne ikke lade sig gøre';
}

const textOf = (code: ErrorCode, exception: unknown) =>
  danishText(code, exception instanceof DomainError ? exception.params : undefined);
