import { Body, Get, Post, Req } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { formExpired } from '../web/csrf';
import { CsrfForm } from '../web/page-form';
import { OnRefusal } from '../web/page.interceptor';
import { PageRequest } from '../web/page-request';
import { page, redirect } from '../web/page-result';
import { Pages } from '../web/pages.decorators';
import { Refusal } from '../web/refusal';
import { SIGN_IN_PATH, StaffSession } from '../web/staff-session';
import { staffStartPage } from '../web/staff-menu';
import { SignInForm } from './sign-in.form';

/**
 * Signing staff in and out of the staff pages. Open to anyone; the sign-in form is bound to a
 * random cookie of the browser that fetched it, the sign-out form to the session.
 */
@Pages('dashboard')
export class SignInController {
  constructor(private readonly session: StaffSession) {}

  @Get('login')
  async form(@Req() req: PageRequest) {
    const staff = await this.session.staffOf(req);
    if (staff) return redirect(staffStartPage(staff.role));
    return this.signInPage(null, req);
  }

  @Post('login')
  @OnRefusal('signInPage')
  async signIn(@Body() form: SignInForm, @Req() req: PageRequest) {
    if (!this.session.checkSignInForm(req, form)) throw formExpired();
    const email = (form.email ?? '').trim();
    const password = form.password ?? '';
    if (email === '' || password === '')
      throw new DomainError('validation_failed', 'auth.credentials_missing', 'Give both e-mail and password');
    // The sign-in page sends a signed-in browser on to its role's start page.
    return redirect(SIGN_IN_PATH, { cookies: await this.session.signIn(req, email, password) });
  }

  /** A forged sign-out changes nothing, and leads to the sign-in page all the same. */
  @Post('logout')
  signOut(@Body() form: CsrfForm, @Req() req: PageRequest) {
    const cookies = this.session.checkSessionForm(req, form) ? this.session.signOut(req) : [];
    return redirect(SIGN_IN_PATH, { cookies });
  }

  /** The sign-in form, again after a refusal with the e-mail as typed. */
  signInPage(refusal: Refusal | null, req: PageRequest) {
    const { csrf, cookies } = this.session.signInForm(req);
    const email = (refusal?.typed('email') ?? '').trim();
    return page(
      'dashboard-login',
      {
        title: 'Log ind',
        breadcrumbs: [],
        cycleBar: null,
        nav: null,
        problems: refusal ? { summary: refusal.summary, errors: refusal.errors } : null,
        email,
        csrf,
      },
      { cookies },
    );
  }
}
