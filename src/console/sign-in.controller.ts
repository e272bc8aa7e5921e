import { Body, Get, Post, Redirect as MovedTo, Req } from '@nestjs/common';
import { StaffService } from '../auth/staff.service';
import { TwoFactorService } from '../auth/two-factor.service';
import { DomainError } from '../common/domain-error';
import { formExpired } from '../web/csrf';
import { CsrfForm } from '../web/page-form';
import { OnRefusal } from '../web/page.interceptor';
import { PageRequest } from '../web/page-request';
import { redirect } from '../web/page-result';
import { Pages } from '../web/pages.decorators';
import { Refusal } from '../web/refusal';
import { staffStartPage } from '../web/staff-menu';
import { PendingSignIn, SIGN_IN_PATH, StaffSession } from '../web/staff-session';
import { qrImage } from '../common/qr-image';
import { CodeForm, SignInForm } from './sign-in.form';
import { consolePage } from './shell/console-page';
import { signInFormView } from './sign-in-view';

const CODE_PATH = '/log-ind/kode';
const ENROL_PATH = '/log-ind/totrinsbekraeftelse';

/**
 * Signing staff in and out: e-mail and password, then the code from the app (or setting the app
 * up, for a role that needs it). Open to anyone; the forms are bound to a random cookie of the
 * browser, to its half-finished sign-in, or to its session.
 */
@Pages('')
export class SignInController {
  constructor(
    private readonly session: StaffSession,
    private readonly staff: StaffService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** The front door: the sign-in page, or a signed-in user's start page. */
  @Get()
  async home(@Req() req: PageRequest) {
    const staff = await this.session.staffOf(req);
    return redirect(staff ? staffStartPage(staff.role) : SIGN_IN_PATH);
  }

  @Get('dashboard/login')
  @MovedTo(SIGN_IN_PATH, 301)
  oldSignIn() {}

  @Get('log-ind')
  async form(@Req() req: PageRequest) {
    const staff = await this.session.staffOf(req);
    if (staff) return redirect(staffStartPage(staff.role));
    return this.signInPage(null, req);
  }

  @Post('log-ind')
  @OnRefusal('signInPage')
  async signIn(@Body() form: SignInForm, @Req() req: PageRequest) {
    if (!this.session.checkSignInForm(req, form)) throw formExpired();
    const email = (form.email ?? '').trim();
    const password = form.password ?? '';
    const missing = [...(email === '' ? ['email'] : []), ...(password === '' ? ['password'] : [])];
    if (missing.length > 0) {
      throw new DomainError(
        'validation_failed',
        'auth.credentials_missing',
        'Give both e-mail and password',
        missing.map((field) => ({ field, reason: 'required' })),
      );
    }
    const { next, role, cookies } = await this.session.signIn(req, email, password);
    if (next === 'code') return redirect(CODE_PATH, { cookies });
    if (next === 'enrol') return redirect(ENROL_PATH, { cookies });
    return redirect(staffStartPage(role), { cookies });
  }

  @Get('log-ind/kode')
  codeForm(@Req() req: PageRequest) {
    return this.codePage(null, req);
  }

  @Post('log-ind/kode')
  @OnRefusal('codePage')
  async code(@Body() form: CodeForm, @Req() req: PageRequest) {
    const { pending, code } = this.pendingWithCode(req, form, 'code');
    const cookies = await this.session.finishWithCode(req, pending, code);
    return redirect(await this.roleStart(pending), { cookies });
  }

  @Get('log-ind/totrinsbekraeftelse')
  enrolForm(@Req() req: PageRequest) {
    return this.enrolPage(null, req);
  }

  @Post('log-ind/totrinsbekraeftelse')
  @OnRefusal('enrolPage')
  async enrol(@Body() form: CodeForm, @Req() req: PageRequest) {
    const { pending, code } = this.pendingWithCode(req, form, 'enrol');
    const { recoveryCodes, cookies } = await this.session.finishEnrolment(req, pending, code);
    return consolePage(
      'second-factor-codes',
      { title: 'Genoprettelseskoder' },
      { nav: null, codes: recoveryCodes, next: await this.roleStart(pending) },
      { cookies },
    );
  }

  /** A forged sign-out changes nothing, and leads to the sign-in page all the same. */
  @Post('log-ud')
  async signOut(@Body() form: CsrfForm, @Req() req: PageRequest) {
    const cookies = this.session.checkSessionForm(req, form) ? await this.session.signOut(req) : [];
    return redirect(SIGN_IN_PATH, { cookies });
  }

  /** The sign-in form, again after a refusal with the e-mail as typed. */
  signInPage(refusal: Refusal | null, req: PageRequest) {
    const { csrf, cookies } = this.session.signInForm(req);
    return consolePage(
      'sign-in',
      { title: 'Log ind' },
      { nav: null, csrf, ...signInFormView(refusal, ['email', 'password'], 'password') },
      { cookies },
    );
  }

  codePage(refusal: Refusal | null, req: PageRequest) {
    const pending = this.session.pending(req);
    if (pending?.stage !== 'code') return redirect(SIGN_IN_PATH);
    return consolePage(
      'sign-in-code',
      { title: 'Skriv koden fra din app' },
      { nav: null, csrf: this.session.pendingForm(req), ...signInFormView(refusal, ['code'], 'code') },
    );
  }

  async enrolPage(refusal: Refusal | null, req: PageRequest) {
    const pending = this.session.pending(req);
    if (pending?.stage !== 'enrol') return redirect(SIGN_IN_PATH);
    const { secret, uri } = await this.twoFactor.enrolment(pending.staffUserId);
    return consolePage(
      'second-factor-setup',
      { title: 'Sæt totrinsbekræftelse op' },
      {
        nav: null,
        required: true,
        action: ENROL_PATH,
        qr: await qrImage(uri),
        secret,
        csrf: this.session.pendingForm(req),
        ...signInFormView(refusal, ['code'], 'code'),
      },
    );
  }

  /** The half-finished sign-in a code form belongs to, and the code typed. */
  private pendingWithCode(req: PageRequest, form: CodeForm, stage: PendingSignIn['stage']) {
    const pending = this.session.pending(req);
    if (!pending || pending.stage !== stage) {
      throw new DomainError('unauthenticated', 'auth.sign_in_expired', 'Sign in again');
    }
    if (!this.session.checkPendingForm(req, form)) throw formExpired();
    const code = (form.code ?? '').trim();
    if (code === '') {
      throw new DomainError('validation_failed', 'auth.second_factor_required', 'Give the code', [
        { field: 'code', reason: 'required' },
      ]);
    }
    return { pending, code };
  }

  private async roleStart(pending: PendingSignIn): Promise<string> {
    return staffStartPage((await this.staff.get(pending.staffUserId)).role);
  }
}
