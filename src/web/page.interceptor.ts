import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModuleRef, Reflector } from '@nestjs/core';
import { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { catchError, from, map, Observable } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { PageCsrf } from './csrf';
import { labelsOf } from './page-form';
import { PageRequest } from './page-request';
import { CookieOrder, Download, PageResult, PageView, Redirect } from './page-result';
import { Refusal } from './refusal';
import { StaffSession } from './staff-session';
import { ViewRenderer } from './view-renderer';

const REFUSAL_PAGE = 'kattegat:refusal-page';

/** A page that shows a refused form again; see @OnRefusal(). */
export type RefusalPage = (refusal: Refusal, req: PageRequest) => PageResult | Promise<PageResult>;

/**
 * When the form of this route is refused (its DTO broken, or a service's DomainError), the page is
 * shown again by the controller's method `method`, given the Refusal: Danish texts beside the
 * fields and what was typed. The page gets the refusal's status. The method must be public.
 */
export function OnRefusal<K extends string>(method: K) {
  return <T extends Record<K, RefusalPage>>(
    target: T,
    key: string | symbol,
    descriptor: PropertyDescriptor,
  ) => SetMetadata(REFUSAL_PAGE, method)(target, key, descriptor);
}

/**
 * Turns what a page handler returns into the response: a view rendered with the request's CSRF
 * fields (and the staff menu on staff pages), a redirect, or a download. Handlers never touch the
 * response object.
 */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
    private readonly views: ViewRenderer,
    private readonly csrf: PageCsrf,
    private readonly session: StaffSession,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<PageRequest>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      catchError((error: unknown) => from(this.refused(context, req, error))),
      map((result) => this.write(req, res, result)),
    );
  }

  private async refused(context: ExecutionContext, req: PageRequest, error: unknown): Promise<PageResult> {
    const method = this.reflector.get<string | undefined>(REFUSAL_PAGE, context.getHandler());
    if (!method || !(error instanceof DomainError)) throw error;
    const controller = this.modules.get(context.getClass(), { strict: false }) as Record<string, RefusalPage>;
    const refusal = Refusal.of(error, req.body, labelsOf(formOf(context)));
    const result = await controller[method](refusal, req);
    return result instanceof PageView
      ? new PageView(result.view, result.model, { status: refusal.status, cookies: result.cookies })
      : result;
  }

  private write(req: PageRequest, res: Response, result: unknown): unknown {
    if (result instanceof PageView) {
      setCookies(res, result.cookies);
      res.status(result.status).setHeader('Cache-Control', 'no-store');
      res.type('html');
      return this.views.render(result.view, { ...this.chrome(req), ...result.model });
    }
    if (result instanceof Redirect) {
      setCookies(res, result.cookies);
      return redirectBody(res, result);
    }
    if (result instanceof Download) {
      res.status(200).set({
        'Content-Type': result.contentType,
        'Content-Disposition': result.disposition,
        'Cache-Control': 'no-store',
      });
      // Nest would send a Buffer as JSON; a StreamableFile goes out as the bytes it holds.
      return typeof result.body === 'string' ? result.body : new StreamableFile(result.body);
    }
    return result;
  }

  /** What every page's layout may use: the CSRF fields of its forms and, on staff pages, the menu. */
  private chrome(req: PageRequest): object {
    if (!req.page) return {};
    // One set of fields for the page's forms and the menu's sign-out form: an HMAC and random
    // bytes fewer on every staff page.
    const csrf = this.csrf.issue(req.page.csrfBinding);
    return req.staff ? { csrf, nav: this.session.nav(req, req.staff, csrf) } : { csrf };
  }
}

/** The DTO class of the route's @Body(), whose fields' labels name the problems. */
function formOf(context: ExecutionContext): unknown {
  const handler = context.getHandler().name;
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler) as
    Record<string, { index: number }> | undefined;
  const body = Object.entries(args ?? {}).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  if (!body) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', context.getClass().prototype, handler) as unknown[];
  return types?.[body[1].index];
}

function setCookies(res: Response, cookies: CookieOrder[]): void {
  for (const { name, value, options } of cookies) {
    if (value === null) res.clearCookie(name, options);
    else res.cookie(name, value, options);
  }
}

/** As Express's res.redirect() answers, body included. */
function redirectBody(res: Response, redirect: Redirect): string {
  const address = res.location(redirect.url).get('Location') ?? redirect.url;
  res.status(redirect.status);
  let body = '';
  const reason = STATUS_CODES[redirect.status];
  res.format({
    text: () => (body = `${reason}. Redirecting to ${address}`),
    html: () => (body = `<p>${reason}. Redirecting to ${escapeHtml(address)}</p>`),
    default: () => (body = ''),
  });
  return body;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
