import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CookieOptions, Request } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { ROLES_KEY } from '../auth/access.decorators';
import { AuthService } from '../auth/auth.service';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { StaffRole } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CsrfFields, formExpired, PageCsrf } from './csrf';
import { CookieOrder } from './page-result';
import { isUnsafeMethod, PageRequest } from './page-request';
import { staffMenu, staffStartPage } from './staff-menu';

const SESSION_COOKIE = 'kattegat_staff';
/** A random value given to the sign-in page, so its form is bound to the browser that fetched it. */
const SIGN_IN_COOKIE = 'kattegat_login';
/** The staff console's pages lie all over the site (`/oversigt`, `/valgperioder`, …), so its cookies go everywhere. */
const PATH = '/';
/** Where StaffSessionGuard sends a visitor who is not signed in. */
export const SIGN_IN_PATH = '/dashboard/login';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A staff page asked for without a session: the filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {
  constructor() {
    super('Sign in first');
  }
}

/**
 * The staff pages' sign-in: the same staff token as the API, kept in an HttpOnly, SameSite=Strict
 * cookie scoped to the staff pages (the API itself reads only the Authorization header). Forms carry
 * the stateless CSRF fields, bound to the session token or, before sign-in, to a random cookie.
 */
@Injectable()
export class StaffSession {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: PageCsrf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async staffOf(req: Request): Promise<AuthenticatedStaff | null> {
    const token = cookieOf(req, SESSION_COOKIE);
    return token ? this.auth.authenticate(token) : null;
  }

  /** What a signed-in browser's forms are bound to; null without a session cookie. */
  binding(req: Request): string | null {
    const token = cookieOf(req, SESSION_COOKIE);
    return token ? `dashboard:${sha256(token)}` : null;
  }

  /** Signs in with e-mail and password (the API's limiter applies); the cookies to set. */
  async signIn(req: Request, email: string, password: string): Promise<CookieOrder[]> {
    const { accessToken } = await this.auth.login(email, password, req.ip ?? 'unknown');
    const options = this.cookieOptions(req);
    return [
      {
        name: SESSION_COOKIE,
        value: accessToken,
        options: { ...options, maxAge: this.config.accessTokenTtlSeconds * 1000 },
      },
      { name: SIGN_IN_COOKIE, value: null, options },
    ];
  }

  signOut(req: Request): CookieOrder[] {
    return [{ name: SESSION_COOKIE, value: null, options: this.cookieOptions(req) }];
  }

  /** CSRF fields for the sign-in form, with the browser's sign-in cookie when it has none yet. */
  signInForm(req: Request): { csrf: CsrfFields; cookies: CookieOrder[] } {
    const existing = cookieOf(req, SIGN_IN_COOKIE);
    const binding = existing ?? randomBytes(16).toString('base64url');
    const cookies: CookieOrder[] = existing
      ? []
      : [
          {
            name: SIGN_IN_COOKIE,
            value: binding,
            options: { ...this.cookieOptions(req), maxAge: 12 * 3600 * 1000 },
          },
        ];
    return { csrf: this.csrf.issue(`dashboard-login:${binding}`), cookies };
  }

  checkSignInForm(req: Request, form: unknown): boolean {
    const binding = cookieOf(req, SIGN_IN_COOKIE);
    return binding !== null && this.csrf.verify(`dashboard-login:${binding}`, form);
  }

  /** True when a form posted by a signed-in browser carries the CSRF fields of its session. */
  checkSessionForm(req: Request, form: unknown): boolean {
    const binding = this.binding(req);
    return binding !== null && this.csrf.verify(binding, form);
  }

  /** The staff layout's menu: who is signed in, what they may open, and the sign-out form's fields. */
  nav(req: PageRequest, staff: AuthenticatedStaff) {
    return {
      email: staff.email,
      menu: staffMenu(staff.role, req.path),
      home: staffStartPage(staff.role),
      csrf: this.csrf.issue(this.binding(req) ?? ''),
    };
  }

  /** Secure over HTTPS, also when a proxy ends TLS in front of the app (PUBLIC_BASE_URL says https). */
  private cookieOptions(req: Request): CookieOptions {
    const secure = req.secure || this.config.publicBaseUrl.startsWith('https:');
    return { httpOnly: true, sameSite: 'strict', secure, path: PATH };
  }
}

/** A cookie as cookie-parser read it. */
function cookieOf(req: Request, name: string): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The staff pages' guard: the session cookie says who is signed in (`@CurrentStaff()`), the route's
 * `@Roles()` who may open the page. Not signed in: the browser goes to the sign-in page; another
 * role: the Danish 403 page; a form without its session's CSRF fields: the expired-form page.
 */
@Injectable()
export class StaffSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly session: StaffSession,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const staff = await this.session.staffOf(req);
    if (!staff) throw new SignInRequired();
    req.staff = staff;
    req.page = { csrfBinding: this.session.binding(req)!, home: req.originalUrl };
    const roles =
      this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (!roles.includes(staff.role)) {
      throw new DomainError(
        'forbidden',
        'auth.role_not_allowed',
        `This needs one of the roles: ${roles.join(', ')}`,
      );
    }
    if (isUnsafeMethod(req.method) && !this.session.checkSessionForm(req, req.body)) throw formExpired();
    return true;
  }
}
