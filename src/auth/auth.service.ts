import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { FailureLimiter } from '../common/failure-limiter';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactor } from '../database/transactor';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { secondFactorRequired } from './roles';
import { SessionKind } from './session.entity';
import { SessionsService, SignedIn } from './sessions.service';
import { StaffUser } from './staff-user.entity';
import { StaffService } from './staff.service';
import { TwoFactorService } from './two-factor.service';

const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** Where a sign-in comes from: the address the limiter counts, the browser the session list shows. */
export interface Client {
  address: string;
  userAgent: string | undefined;
}

/** After the password: a session now, or first the code from the app, or first setting the app up. */
export type FirstStep =
  | { next: 'session'; user: StaffUser }
  | { next: 'code'; user: StaffUser }
  | { next: 'enrol'; user: StaffUser };

@Injectable()
export class AuthService {
  private readonly failuresByEmail: FailureLimiter;
  private readonly failuresByAddress: FailureLimiter;

  constructor(
    private readonly staff: StaffService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    transactor: Transactor,
  ) {
    this.failuresByEmail = new FailureLimiter(transactor, 'sign-in:email', 5, LOGIN_FAILURE_WINDOW_MS);
    this.failuresByAddress = new FailureLimiter(transactor, 'sign-in:address', 20, LOGIN_FAILURE_WINDOW_MS);
  }

  /** The API's sign-in: e-mail, password and, where the second factor is on, its code in one request. */
  async login(
    email: string,
    password: string,
    code: string | undefined,
    client: Client,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const step = await this.checkPassword(email, password, client.address);
    if (step.next === 'enrol') {
      throw new DomainError(
        'forbidden',
        'auth.second_factor_enrolment_required',
        'This role needs a second factor: sign in to the console once and set it up',
      );
    }
    if (step.next === 'code') {
      if (code === undefined || code.trim() === '')
        throw new DomainError('unauthenticated', 'auth.second_factor_required', 'Send the code as totp');
      await this.checkCode(step.user.id, code, client.address);
    }
    const { token, expiresAt } = await this.sessions.open(
      step.user.id,
      'api',
      step.next === 'code',
      client.userAgent,
    );
    return { accessToken: token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The password step, counted by the shared limiter. A hash with older parameters is made again
   * now that the password is at hand.
   */
  async checkPassword(email: string, password: string, address: string): Promise<FirstStep> {
    const emailKey = email.toLowerCase();
    await this.refuseWhileLimited(emailKey, address);
    const user = await this.staff.findForLogin(emailKey);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !valid) {
      await this.recordFailure(emailKey, address);
      throw new DomainError('unauthenticated', 'auth.wrong_credentials', 'Wrong e-mail or password');
    }
    await this.failuresByEmail.reset(emailKey);
    await this.staff.rehashIfOld(user, password);
    if (user.totpEnabledAt) return { next: 'code', user };
    if (secondFactorRequired(user.role, this.config.require2fa)) return { next: 'enrol', user };
    return { next: 'session', user };
  }

  /** The second step: the app's code or a recovery code, counted by the same limiter. */
  async checkCode(staffUserId: number, code: string, address: string): Promise<void> {
    const key = `code:${staffUserId}`;
    await this.refuseWhileLimited(key, address);
    if (!(await this.twoFactor.check(staffUserId, code))) {
      await this.recordFailure(key, address);
      throw new DomainError('unauthenticated', 'auth.second_factor_wrong', 'The code is wrong or too old', [
        { field: 'code', reason: 'wrong or too old' },
      ]);
    }
    await this.failuresByEmail.reset(key);
  }

  openSession(staffUserId: number, kind: SessionKind, secondFactor: boolean, client: Client) {
    return this.sessions.open(staffUserId, kind, secondFactor, client.userAgent);
  }

  /** Who a session token speaks for, read afresh on every request. */
  authenticate(token: string): Promise<SignedIn | null> {
    return this.sessions.authenticate(token);
  }

  signOut(token: string): Promise<void> {
    return this.sessions.endToken(token);
  }

  /** The limiter's side of a failed step: `key` is the e-mail, or the account for a code. */
  private async recordFailure(key: string, address: string): Promise<void> {
    await this.failuresByEmail.recordFailure(key);
    await this.failuresByAddress.recordFailure(address);
  }

  private async refuseWhileLimited(key: string, address: string): Promise<void> {
    const wait = Math.max(
      await this.failuresByEmail.retryAfterSeconds(key),
      await this.failuresByAddress.retryAfterSeconds(address),
    );
    if (wait > 0) {
      throw new DomainError(
        'too_many_attempts',
        'auth.too_many_attempts',
        `Too many failed log-ins. Try again in ${wait} seconds.`,
      );
    }
  }
}
