import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CookieOptions, Request } from 'express';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES_KEY } from '../auth/access.decorators';
import { resolveAuthSecret } from '../auth/auth-secret';
import { AuthService, Client } from '../auth/auth.service';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { StaffRole } from '../auth/roles';
import { sessionIdOf, SignedIn } from '../auth/sessions.service';
import { TwoFactorService } from '../auth/two-factor.service';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CsrfFields, formExpired, PageCsrf } from './csrf';
import { CookieOrder } from './page-result';
import { isUnsafeMethod, PageRequest } from './page-request';
import { staffMenu, staffStartPage } from './staff-menu';

const SESSION_COOKIE = 'kattegat_staff';
/** A random value given to the sign-in page, so its form is bound to the browser that fetched it. */
const SIGN_IN_COOKIE = 'kattegat_login';
/** Between the password and the code: who passed the password, signed, for a few minutes. */
const PENDING_COOKIE = 'kattegat_pending';
const PENDING_MS = 10 * 60 * 1000;
/** Where StaffSessionGuard sends a visitor who is not signed in. */
export const SIGN_IN_PATH = '/log-ind';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A staff page asked for without a session: the filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {
  constructor() {
    super('Sign in first');
  }
}

/** Half a sign-in: the password was right; next the code from the app, or setting the app up. */
export interface PendingSignIn {
  staffUserId: number;
  stage: 'code' | 'enrol';
}

/**
 * The console's sign-in: a staff session (the same kind the API's bearer tokens are, ended the
 * same way) kept in an HttpOnly, SameSite=Lax cookie. Forms carry the stateless CSRF fields, bound
 * to the session or, before sign-in, to a random cookie or the half-finished sign-in.
 */
@Injectable()
export class StaffSession {
  private readonly secret: string;

  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
    private readonly csrf: PageCsrf,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secret = resolveAuthSecret(config);
  }

  async signedIn(req: Request): Promise<SignedIn | null> {
    const token = cookieOf(req, SESSION_COOKIE);
    return token ? this.auth.authenticate(token) : null;
  }

  async staffOf(req: Request): Promise<AuthenticatedStaff | null> {
    return (await this.signedIn(req))?.staff ?? null;
  }

  /** What a signed-in browser's forms are bound to; null without a session cookie. */
  binding(req: Request): string | null {
    const token = cookieOf(req, SESSION_COOKIE);
    return token ? sessionBinding(sessionIdOf(token)) : null;
  }

  /**
   * The password step (the shared limiter applies). Without a second factor to pass, the session
   * starts now; otherwise the browser gets the half-finished sign-in for the code or the set-up.
   */
  async signIn(req: Request, email: string, password: string) {
    const step = await this.auth.checkPassword(email, password, clientOf(req).address);
    const role = step.user.role;
    if (step.next === 'session') {
      return { next: step.next, role, cookies: await this.start(req, step.user.id, false) };
    }
    const pending: PendingSignIn = { staffUserId: step.user.id, stage: step.next };
    const options = { ...this.cookieOptions(req), maxAge: PENDING_MS };
    return {
      next: step.next,
      role,
      cookies: [
        { name: PENDING_COOKIE, value: this.signPending(pending), options },
        { name: SIGN_IN_COOKIE, value: null, options: this.cookieOptions(req) },
      ],
    };
  }

  /** The half-finished sign-in of this browser, if it is still fresh. */
  pending(req: Request): PendingSignIn | null {
    const value = cookieOf(req, PENDING_COOKIE);
    if (!value) return null;
    const [id, stage, expires, mac] = value.split('.');
    const expected = Buffer.from(this.mac(`${id}.${stage}.${expires}`));
    const given = Buffer.from(mac ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (parseInt(expires, 36) < Date.now() || (stage !== 'code' && stage !== 'enrol')) return null;
    return { staffUserId: Number(id), stage };
  }

  /** CSRF fields for the code and set-up steps, bound to the half-finished sign-in. */
  pendingForm(req: Request): CsrfFields {
    return this.csrf.issue(`pending:${sha256(cookieOf(req, PENDING_COOKIE) ?? '')}`);
  }

  checkPendingForm(req: Request, form: unknown): boolean {
    const value = cookieOf(req, PENDING_COOKIE);
    return value !== null && this.csrf.verify(`pending:${sha256(value)}`, form);
  }

  /** The code step: right code, and the session starts. */
  async finishWithCode(req: Request, pending: PendingSignIn, code: string): Promise<CookieOrder[]> {
    await this.auth.checkCode(pending.staffUserId, code, clientOf(req).address);
    return this.start(req, pending.staffUserId, true);
  }

  /** The set-up step: the first code from the app switches TOTP on; the recovery codes, and the session. */
  async finishEnrolment(req: Request, pending: PendingSignIn, code: string) {
    const recoveryCodes = await this.twoFactor.confirm(pending.staffUserId, code);
    return { recoveryCodes, cookies: await this.start(req, pending.staffUserId, true) };
  }

  /** Ends the browser's session and clears its cookies. */
  async signOut(req: Request): Promise<CookieOrder[]> {
    const token = cookieOf(req, SESSION_COOKIE);
    if (token) await this.auth.signOut(token);
    const options = this.cookieOptions(req);
    return [
      { name: SESSION_COOKIE, value: null, options },
      { name: PENDING_COOKIE, value: null, options },
    ];
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
    return { csrf: this.csrf.issue(`sign-in:${binding}`), cookies };
  }

  checkSignInForm(req: Request, form: unknown): boolean {
    const binding = cookieOf(req, SIGN_IN_COOKIE);
    return binding !== null && this.csrf.verify(`sign-in:${binding}`, form);
  }

  /** True when a form posted by a signed-in browser carries the CSRF fields of its session. */
  checkSessionForm(req: Request, form: unknown): boolean {
    const binding = this.binding(req);
    return binding !== null && this.csrf.verify(binding, form);
  }

  /**
   * The staff layout's menu: who is signed in, what they may open, and the sign-out form's fields
   * (`csrf`: the page's own, when it has them; they are bound to the same session).
   */
  nav(req: PageRequest, staff: AuthenticatedStaff, csrf = this.csrf.issue(this.binding(req) ?? '')) {
    return {
      email: staff.email,
      menu: staffMenu(staff.role, req.path),
      home: staffStartPage(staff.role),
      csrf,
    };
  }

  private async start(req: Request, staffUserId: number, secondFactor: boolean): Promise<CookieOrder[]> {
    const { token } = await this.auth.openSession(staffUserId, 'console', secondFactor, clientOf(req));
    const options = this.cookieOptions(req);
    return [
      {
        name: SESSION_COOKIE,
        value: token,
        options: { ...options, maxAge: this.config.accessTokenTtlSeconds * 1000 },
      },
      { name: SIGN_IN_COOKIE, value: null, options },
      { name: PENDING_COOKIE, value: null, options },
    ];
  }

  private signPending({ staffUserId, stage }: PendingSignIn): string {
    const body = `${staffUserId}.${stage}.${(Date.now() + PENDING_MS).toString(36)}`;
    return `${body}.${this.mac(body)}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`pending-sign-in:${body}`).digest('base64url');
  }

  /** Secure over HTTPS, also when a proxy ends TLS in front of the app (PUBLIC_BASE_URL says https). */
  private cookieOptions(req: Request): CookieOptions {
    const secure = req.secure || this.config.publicBaseUrl.startsWith('https:');
    return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
  }
}

const clientOf = (req: Request): Client => ({
  address: req.ip ?? 'unknown',
  userAgent: req.headers['user-agent'],
});

/** What the forms of a signed-in browser are bound to: its session. */
const sessionBinding = (sessionId: string) => `staff:${sessionId}`;

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
    const signedIn = await this.session.signedIn(req);
    if (!signedIn) throw new SignInRequired();
    const { staff, sessionId } = signedIn;
    req.staff = staff;
    // The session's id is the token's hash: bound without hashing the token once more.
    req.page = { csrfBinding: sessionBinding(sessionId), home: req.originalUrl };
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
