import { Inject, Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { resolveAuthSecret } from '../../auth/auth-secret';
import { AuthService } from '../../auth/auth.service';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CsrfFields, issueCsrf, verifyCsrf } from '../../portal/csrf';

const SESSION_COOKIE = 'kattegat_staff';
/** A random value given to the log-in page, so its form is bound to the browser that fetched it. */
const LOGIN_COOKIE = 'kattegat_login';
const PATH = '/dashboard';

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The dashboard's log-in: the same staff token as the API, kept in an HttpOnly, SameSite=Strict
 * cookie scoped to /dashboard (the API itself reads only the Authorization header). Forms carry the
 * portal's stateless CSRF fields, bound to the session token or, before log-in, to a random cookie.
 */
@Injectable()
export class DashboardSession {
  private readonly secret: string;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secret = resolveAuthSecret(config);
  }

  async staffOf(req: Request): Promise<AuthenticatedStaff | null> {
    const token = cookieOf(req, SESSION_COOKIE);
    return token ? this.auth.authenticate(token) : null;
  }

  /** Logs in with e-mail and password (the API's limiter applies) and sets the session cookie. */
  async logIn(req: Request, res: Response, email: string, password: string): Promise<void> {
    const { accessToken } = await this.auth.login(email, password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, accessToken, {
      ...this.cookieOptions(req),
      maxAge: this.config.accessTokenTtlSeconds * 1000,
    });
    res.clearCookie(LOGIN_COOKIE, this.cookieOptions(req));
  }

  logOut(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  /** CSRF fields for the log-in form, setting the browser's log-in cookie when it has none. */
  loginForm(req: Request, res: Response): CsrfFields {
    let binding = cookieOf(req, LOGIN_COOKIE);
    if (!binding) {
      binding = randomBytes(16).toString('base64url');
      res.cookie(LOGIN_COOKIE, binding, { ...this.cookieOptions(req), maxAge: 12 * 3600 * 1000 });
    }
    return issueCsrf(this.secret, `dashboard-login:${binding}`);
  }

  checkLoginForm(req: Request, form: Partial<CsrfFields>): boolean {
    const binding = cookieOf(req, LOGIN_COOKIE);
    return binding !== null && verifyCsrf(this.secret, `dashboard-login:${binding}`, form);
  }

  /** CSRF fields for forms shown to a logged-in user. */
  sessionForm(req: Request): CsrfFields {
    return issueCsrf(this.secret, `dashboard:${sha256(cookieOf(req, SESSION_COOKIE) ?? '')}`);
  }

  checkSessionForm(req: Request, form: Partial<CsrfFields>): boolean {
    const token = cookieOf(req, SESSION_COOKIE);
    return token !== null && verifyCsrf(this.secret, `dashboard:${sha256(token)}`, form);
  }

  /** Secure over HTTPS, also when a proxy ends TLS in front of the app (PUBLIC_BASE_URL says https). */
  private cookieOptions(req: Request) {
    const secure = req.secure || this.config.publicBaseUrl.startsWith('https:');
    return { httpOnly: true, sameSite: 'strict' as const, secure, path: PATH };
  }
}
