import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DomainEvents } from '../database/domain-events';
import { Transactor } from '../database/transactor';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { MUNICIPAL_ROLE, StaffRole } from './roles';
import { SessionsService } from './sessions.service';
import { changesOf, StaffActor, StaffChange } from './staff-events';
import { StaffUser } from './staff-user.entity';

/** A password made by the app, given to the account's owner once: 18 random bytes, 24 characters. */
export const temporaryPassword = () => randomBytes(18).toString('base64url');

@Injectable()
export class StaffService {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    private readonly transactor: Transactor,
    private readonly sessions: SessionsService,
    private readonly events: DomainEvents,
  ) {}

  list(): Promise<StaffUser[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  async create(input: CreateStaffDto, actor: StaffActor | null = null): Promise<StaffUser> {
    const email = input.email.toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new DomainError(
        'conflict',
        'staff.email_taken',
        'A staff account with this e-mail already exists',
        [{ field: 'email', reason: 'already in use' }],
      );
    }
    const municipalityCode = await this.checkedMunicipality(input.role, input.municipalityCode ?? null);
    const passwordHash = await hashPassword(input.password);
    const saved = await this.transactor.run(async (manager) => {
      const user = await manager.save(
        manager.create(StaffUser, {
          email,
          name: input.name,
          role: input.role,
          municipalityCode,
          passwordHash,
          disabledAt: null,
        }),
      );
      await this.changed(manager, actor, user.id, ['staff.create']);
      return user;
    });
    return this.get(saved.id);
  }

  /**
   * Changes an account. A new role, a new password or disabling it ends the account's sessions, so
   * the change counts from the next request and no sign-in outlives it. The last active admin can
   * be neither disabled nor given another role: nobody could then manage the accounts.
   */
  async update(id: number, change: UpdateStaffDto, actor: StaffActor | null = null): Promise<StaffUser> {
    const user = await this.get(id);
    const before = { ...user };
    if (change.role !== undefined) user.role = change.role;
    if (change.name !== undefined) user.name = change.name;
    if (change.disabled !== undefined)
      user.disabledAt = change.disabled ? (user.disabledAt ?? new Date()) : null;
    const wantedCode =
      change.municipalityCode ?? (user.role === MUNICIPAL_ROLE ? user.municipalityCode : null);
    user.municipalityCode = await this.checkedMunicipality(user.role, wantedCode);
    const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
    const changes = changesOf(before, user, !!passwordHash);
    const endSessions = changes.some((c) => ENDS_SESSIONS.includes(c));
    await this.transactor.run(async (manager) => {
      if (isActiveAdmin(before) && !isActiveAdmin(user)) await this.keepAnAdmin(manager, id);
      await manager.update(StaffUser, id, {
        role: user.role,
        name: user.name,
        disabledAt: user.disabledAt,
        municipalityCode: user.municipalityCode,
        ...(passwordHash ? { passwordHash } : {}),
      });
      if (endSessions) await this.sessions.endAllOf(manager, id);
      await this.changed(manager, actor, id, changes);
    });
    return this.get(id);
  }

  /** Sets a new random password, given back once; the account's sessions end with the old one. */
  async resetPassword(id: number, actor: StaffActor | null = null): Promise<string> {
    const password = temporaryPassword();
    await this.update(id, { password }, actor);
    return password;
  }

  async endSessions(id: number, actor: StaffActor | null = null): Promise<void> {
    await this.get(id);
    await this.transactor.run(async (manager) => {
      await this.sessions.endAllOf(manager, id);
      await this.changed(manager, actor, id, ['staff.sessions_end']);
    });
  }

  async endSession(id: number, sessionId: string, actor: StaffActor | null = null): Promise<void> {
    await this.transactor.run(async (manager) => {
      await this.sessions.endOne(manager, id, sessionId);
      await this.changed(manager, actor, id, ['staff.session_end']);
    });
  }

  /** Tells the audit (and whoever listens) what changed, in the transaction of the change. */
  changed(manager: EntityManager, actor: StaffActor | null, staffUserId: number, changes: StaffChange[]) {
    if (changes.length === 0) return Promise.resolve();
    return this.events.publish(manager, 'staff.changed', {
      actor: actor && { id: actor.id, role: actor.role },
      staffUserId,
      changes,
    });
  }

  private async keepAnAdmin(manager: EntityManager, id: number): Promise<void> {
    const others = await manager.countBy(StaffUser, { role: 'admin', disabledAt: IsNull(), id: Not(id) });
    if (others === 0) {
      throw new DomainError(
        'conflict',
        'staff.last_admin',
        'The last active admin can be neither disabled nor given another role',
      );
    }
  }

  /** A user changes their own password; their other sessions end, the one they use goes on. */
  async changeOwnPassword(id: number, current: string, next: string, keepSessionId: string): Promise<void> {
    const user = await this.withHash(id);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new DomainError(
        'validation_failed',
        'auth.current_password_wrong',
        'The current password is wrong',
        [{ field: 'currentPassword', reason: 'wrong' }],
      );
    }
    const passwordHash = await hashPassword(next);
    await this.transactor.run(async (manager) => {
      await manager.update(StaffUser, id, { passwordHash });
      await this.sessions.endAllOf(manager, id, keepSessionId);
    });
  }

  /** At sign-in, with the password at hand: a hash made with older parameters is made again. */
  async rehashIfOld(user: StaffUser, password: string): Promise<void> {
    if (!needsRehash(user.passwordHash)) return;
    const passwordHash = await hashPassword(password);
    await this.transactor.run((manager) => manager.update(StaffUser, user.id, { passwordHash }));
  }

  /** A municipal contact belongs to exactly one municipality; no other role belongs to any. */
  private async checkedMunicipality(role: StaffRole, code: number | null): Promise<number | null> {
    if (role !== MUNICIPAL_ROLE) {
      if (code === null) return null;
      throw new DomainError(
        'validation_failed',
        'staff.municipality_not_for_role',
        `municipalityCode is only for the role ${MUNICIPAL_ROLE}`,
        [{ field: 'municipalityCode', reason: `only for the role ${MUNICIPAL_ROLE}` }],
      );
    }
    if (code === null) {
      throw new DomainError(
        'validation_failed',
        'staff.municipality_required',
        `The role ${MUNICIPAL_ROLE} needs a municipalityCode`,
        [{ field: 'municipalityCode', reason: `required for the role ${MUNICIPAL_ROLE}` }],
      );
    }
    // Read by table name: the reference module sits above this one (its routes declare roles).
    const known = await this.users.manager
      .createQueryBuilder()
      .select('m.code', 'code')
      .from('municipalities', 'm')
      .where('m.code = :code', { code })
      .getRawOne<{ code: number }>();
    if (!known) {
      throw new DomainError(
        'validation_failed',
        'staff.municipality_unknown',
        `Municipality ${code} does not exist`,
        [{ field: 'municipalityCode', reason: 'unknown municipality' }],
      );
    }
    return code;
  }

  async get(id: number): Promise<StaffUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('Staff account', id);
    return user;
  }

  private withHash(id: number): Promise<StaffUser | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id AND u.disabled_at IS NULL', { id })
      .getOne();
  }

  findForLogin(email: string): Promise<StaffUser | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.disabled_at IS NULL', { email: email.toLowerCase() })
      .getOne();
  }

  /** Whether an admin can sign in: an admin account that is not disabled. */
  hasActiveAdmin(): Promise<boolean> {
    return this.users.existsBy({ role: 'admin', disabledAt: IsNull() });
  }

  /** Creates the first admin unless an admin exists already. Returns whether one was created. */
  async ensureAdmin(email: string, password: string, name = 'Administrator'): Promise<boolean> {
    if (await this.users.existsBy({ role: 'admin' })) return false;
    await this.create({ email, password, name, role: 'admin' });
    this.logger.log('Created the first admin account');
    return true;
  }
}

const ENDS_SESSIONS: StaffChange[] = ['staff.role', 'staff.disable', 'staff.password_reset'];

const isActiveAdmin = (user: Pick<StaffUser, 'role' | 'disabledAt'>) =>
  user.role === 'admin' && user.disabledAt === null;
