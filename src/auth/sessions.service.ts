import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Dialect } from '../database/dialect';
import { hydrated } from '../database/hydrated';
import { Transactor } from '../database/transactor';
import { AuthenticatedStaff } from './authenticated-staff';
import { secondFactorRequired, StaffRole } from './roles';
import { Session, SessionKind } from './session.entity';
import { summariseUserAgent } from './user-agent';

/** Last-seen times are written at most this often, so a busy session does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
/** Ended sessions stay listed this long, then they go. */
const KEEP_ENDED_MS = 30 * 24 * 3600 * 1000;

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A signed-in caller: who, and which session (to end it at sign-out). */
export interface SignedIn {
  staff: AuthenticatedStaff;
  sessionId: string;
}

/**
 * Staff sessions, for the console's cookie and the API's bearer token alike: a random token given
 * once, its hash kept with an expiry. Every request reads the session and the account, so ending a
 * session, disabling an account or changing its role counts from the next request.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    staffUserId: number,
    kind: SessionKind,
    secondFactor: boolean,
    userAgent: string | undefined,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.accessTokenTtlSeconds * 1000);
    await this.transactor.run(async (manager) => {
      await manager.delete(Session, {
        staffUserId,
        expiresAt: LessThan(new Date(now.getTime() - KEEP_ENDED_MS)),
      });
      await manager.insert(Session, {
        id: sessionIdOf(token),
        staffUserId,
        kind,
        secondFactor,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        userAgent: summariseUserAgent(userAgent),
        revokedAt: null,
      });
    });
    return { token, expiresAt };
  }

  /** Who a token speaks for now; null when it is unknown, ended, expired or its account is disabled. */
  async authenticate(token: string): Promise<SignedIn | null> {
    const now = new Date();
    // One plain statement for the session and its account: every staff page and API call runs it.
    const found = await this.transactor.read(async (m) => {
      const {
        rows: [row],
      } = await this.dialect.raw<Record<string, unknown>>(
        m,
        `SELECT s.*, u.email AS account_email, u.role AS account_role,
                u.municipality_code AS account_municipality_code
         FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_user_id
         WHERE s.id = :id AND s.revoked_at IS NULL AND s.expires_at > :now AND u.disabled_at IS NULL`,
        { id: sessionIdOf(token), now },
      );
      return row && { session: hydrated(m, Session, row), row };
    });
    if (!found) return null;
    const { session, row } = found;
    const role = row.account_role as StaffRole;
    // A role that needs the second factor never rides on a sign-in without one (REQUIRE_2FA switched
    // on later, or a session from before).
    if (secondFactorRequired(role, this.config.require2fa) && !session.secondFactor) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.transactor.run((manager) =>
        manager.update(Session, { id: session.id }, { lastSeenAt: now }),
      );
    }
    const municipalityCode = row.account_municipality_code;
    return {
      sessionId: session.id,
      staff: {
        id: session.staffUserId,
        email: row.account_email as string,
        role,
        municipalityCode: municipalityCode === null ? null : Number(municipalityCode),
      },
    };
  }

  /** Ends the session of a token (sign-out); nothing happens for an unknown one. */
  async endToken(token: string): Promise<void> {
    await this.transactor.run((manager) => this.end(manager, { id: sessionIdOf(token) }));
  }

  /** The account's sessions that still work, newest first. */
  active(staffUserId: number): Promise<Session[]> {
    return this.sessions.find({
      where: { staffUserId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
  }

  /** An admin ends one of an account's sessions, in the caller's transaction. */
  async endOne(manager: EntityManager, staffUserId: number, sessionId: string): Promise<void> {
    const ended = await this.end(manager, { id: sessionId, staffUserId });
    if (ended === 0) throw DomainError.notFound('Session', sessionId);
  }

  /** Each account's last sign-in: its newest session (the newest is never cleared away). */
  async lastSignIns(): Promise<Map<number, Date>> {
    const rows = await this.sessions
      .createQueryBuilder('s')
      .select('s.staff_user_id', 'staffUserId')
      .addSelect('MAX(s.created_at)', 'at')
      .groupBy('s.staff_user_id')
      .getRawMany<{ staffUserId: number; at: Date | string }>();
    return new Map(rows.map((r) => [Number(r.staffUserId), asInstant(r.at)]));
  }

  /** Ends every session of an account (but `keep`), in the caller's transaction. */
  endAllOf(manager: EntityManager, staffUserId: number, keep?: string): Promise<number> {
    return this.end(manager, keep ? { staffUserId, id: Not(keep) } : { staffUserId });
  }

  private async end(
    manager: EntityManager,
    where: { id?: string | ReturnType<typeof Not>; staffUserId?: number },
  ): Promise<number> {
    const result = await manager.update(
      Session,
      { ...where, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return result.affected ?? 0;
  }
}

/** A raw MAX() comes back as a Date from PostgreSQL and as text (UTC, no zone) from SQLite. */
function asInstant(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
