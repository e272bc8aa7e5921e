import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../common/domain-error';
import { FailureLimiter } from '../common/failure-limiter';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactor } from '../database/transactor';
import { AuthenticatedStaff } from './authenticated-staff';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { StaffService } from './staff.service';

interface TokenClaims {
  sub: number;
}

const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

@Injectable()
export class AuthService {
  // In the database: instances behind one load balancer share the budget.
  private readonly failuresByEmail: FailureLimiter;
  private readonly failuresByAddress: FailureLimiter;

  constructor(
    private readonly staff: StaffService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    transactor: Transactor,
  ) {
    this.failuresByEmail = new FailureLimiter(transactor, 'sign-in:email', 5, LOGIN_FAILURE_WINDOW_MS);
    this.failuresByAddress = new FailureLimiter(transactor, 'sign-in:address', 20, LOGIN_FAILURE_WINDOW_MS);
  }

  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const emailKey = email.toLowerCase();
    const wait = Math.max(
      await this.failuresByEmail.retryAfterSeconds(emailKey),
      await this.failuresByAddress.retryAfterSeconds(address),
    );
    if (wait > 0) {
      throw new DomainError(
        'too_many_attempts',
        'auth.too_many_attempts',
        `Too many failed log-ins. Try again in ${wait} seconds.`,
      );
    }
    const user = await this.staff.findForLogin(emailKey);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !valid) {
      await this.failuresByEmail.recordFailure(emailKey);
      await this.failuresByAddress.recordFailure(address);
      throw new DomainError('unauthenticated', 'auth.wrong_credentials', 'Wrong e-mail or password');
    }
    await this.failuresByEmail.reset(emailKey);
    const ttl = this.config.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync({ sub: user.id } satisfies TokenClaims, { expiresIn: ttl });
    return { accessToken, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /** The staff member a bearer token speaks for, read afresh so a disabled account stops at once. */
  async authenticate(token: string): Promise<AuthenticatedStaff | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    const user = await this.staff.findActive(claims.sub);
    if (!user) return null;
    return { id: user.id, email: user.email, role: user.role, municipalityCode: user.municipalityCode };
  }
}
