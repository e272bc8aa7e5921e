import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactor } from '../database/transactor';
import { resolveAuthSecret } from './auth-secret';
import { RecoveryCode } from './recovery-code.entity';
import {
  acceptedStep,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normalisedCode,
  openSecret,
  recoveryCodeHash,
  sealSecret,
  SecondFactorKeys,
  secondFactorKeys,
  totpUri,
} from './second-factor';
import { SessionsService } from './sessions.service';
import { StaffActor } from './staff-events';
import { StaffUser } from './staff-user.entity';
import { StaffService } from './staff.service';

/** What an authenticator app is given at enrolment: the secret as text and as an otpauth URI. */
export interface Enrolment {
  secret: string;
  uri: string;
}

/** TOTP for staff: enrolment with recovery codes, the check at sign-in, and an admin's reset. */
@Injectable()
export class TwoFactorService {
  private readonly keys: SecondFactorKeys;

  constructor(
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    @InjectRepository(RecoveryCode) private readonly codes: Repository<RecoveryCode>,
    private readonly sessions: SessionsService,
    private readonly staff: StaffService,
    private readonly transactor: Transactor,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keys = secondFactorKeys(resolveAuthSecret(config));
  }

  async isOn(staffUserId: number): Promise<boolean> {
    return (await this.users.findOneBy({ id: staffUserId }))?.totpEnabledAt != null;
  }

  /** The secret to scan; the same one until enrolment is finished, so a reload does not change it. */
  async enrolment(staffUserId: number): Promise<Enrolment> {
    const user = await this.withSecret(staffUserId);
    if (user.totpEnabledAt) throw alreadyOn();
    let secret = user.totpSecret ? openSecret(this.keys, user.totpSecret) : null;
    if (!secret) {
      secret = newTotpSecret();
      const sealed = sealSecret(this.keys, secret);
      await this.transactor.run((manager) =>
        manager.update(StaffUser, { id: staffUserId }, { totpSecret: sealed, totpLastStep: null }),
      );
    }
    return { secret, uri: totpUri(secret, user.email) };
  }

  /** Switches the second factor on when the code from the app is right; the recovery codes, once. */
  async confirm(staffUserId: number, typed: string): Promise<string[]> {
    const user = await this.withSecret(staffUserId);
    if (user.totpEnabledAt) throw alreadyOn();
    if (!user.totpSecret) throw wrongCode();
    const step = await acceptedStep(openSecret(this.keys, user.totpSecret), normalisedCode(typed), null);
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    await this.transactor.run(async (manager) => {
      await manager.update(StaffUser, { id: staffUserId }, { totpEnabledAt: new Date(), totpLastStep: step });
      await manager.delete(RecoveryCode, { staffUserId });
      await manager.insert(
        RecoveryCode,
        codes.map((code) => ({ codeHash: recoveryCodeHash(this.keys, code), staffUserId, usedAt: null })),
      );
    });
    return codes;
  }

  /**
   * True when the typed code is the app's code of now (not used before) or an unused recovery code,
   * which is then used up. Each is good once, also when two requests bring it at the same moment.
   */
  async check(staffUserId: number, typed: string): Promise<boolean> {
    const user = await this.withSecret(staffUserId);
    if (!user.totpEnabledAt || !user.totpSecret) return false;
    if (isTotpCode(typed)) {
      const step = await acceptedStep(
        openSecret(this.keys, user.totpSecret),
        normalisedCode(typed),
        user.totpLastStep,
      );
      if (step === null) return false;
      return this.transactor.run(async (manager) => {
        const result = await manager
          .createQueryBuilder()
          .update(StaffUser)
          .set({ totpLastStep: step })
          .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id: staffUserId, step })
          .execute();
        return result.affected === 1;
      });
    }
    const codeHash = recoveryCodeHash(this.keys, typed);
    return this.transactor.run(async (manager) => {
      const result = await manager.update(
        RecoveryCode,
        { codeHash, staffUserId, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      return result.affected === 1;
    });
  }

  /** Recovery codes not used yet. */
  unusedRecoveryCodes(staffUserId: number): Promise<number> {
    return this.codes.countBy({ staffUserId, usedAt: IsNull() });
  }

  /** An admin switches a lost phone's second factor off; the account's sessions end with it. */
  async reset(staffUserId: number, actor: StaffActor | null = null): Promise<void> {
    await this.withSecret(staffUserId);
    await this.transactor.run(async (manager) => {
      await manager.update(
        StaffUser,
        { id: staffUserId },
        { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      );
      await manager.delete(RecoveryCode, { staffUserId });
      await this.sessions.endAllOf(manager, staffUserId);
      await this.staff.changed(manager, actor, staffUserId, ['staff.second_factor_reset']);
    });
  }

  private async withSecret(id: number): Promise<StaffUser> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect(['u.totpSecret', 'u.totpLastStep'])
      .where('u.id = :id', { id })
      .getOne();
    if (!user) throw DomainError.notFound('Staff account', id);
    return user;
  }
}

const alreadyOn = () =>
  new DomainError('conflict', 'auth.second_factor_already_on', 'The second factor is on already');

const wrongCode = () =>
  new DomainError('validation_failed', 'auth.second_factor_wrong', 'The code is wrong or too old', [
    { field: 'code', reason: 'wrong or too old' },
  ]);
