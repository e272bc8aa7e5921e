import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Transactor } from '../database/transactor';
import { Invitation } from '../invitations/invitation.entity';
import { messageLinkEnd } from '../invitations/personal-links';
import { CreateWaveDto, UpdateWaveDto } from './dto/wave.dto';
import { Wave } from './wave.entity';

@Injectable()
export class WavesService {
  constructor(private readonly transactor: Transactor) {}

  list(cycleId: number): Promise<Wave[]> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      return m.find(Wave, { where: { cycleId }, order: { registrationOpensAt: 'ASC', id: 'ASC' } });
    });
  }

  get(cycleId: number, id: number): Promise<Wave> {
    return this.transactor.run((m) => this.find(m, cycleId, id));
  }

  create(cycleId: number, dto: CreateWaveDto): Promise<Wave> {
    return this.transactor.run(async (m) => {
      await requireCycle(m, cycleId);
      const wave = m.create(Wave, {
        cycleId,
        name: dto.name,
        registrationOpensAt: new Date(dto.registrationOpensAt),
        registrationClosesAt: new Date(dto.registrationClosesAt),
      });
      checkPeriod(wave);
      const saved = await m.save(wave);
      await followRegistrationPeriod(m, cycleId);
      return saved;
    });
  }

  update(cycleId: number, id: number, dto: UpdateWaveDto): Promise<Wave> {
    return this.transactor.run(async (m) => {
      const wave = await this.find(m, cycleId, id);
      if (dto.name !== undefined) wave.name = dto.name;
      if (dto.registrationOpensAt) wave.registrationOpensAt = new Date(dto.registrationOpensAt);
      if (dto.registrationClosesAt) wave.registrationClosesAt = new Date(dto.registrationClosesAt);
      checkPeriod(wave);
      const saved = await m.save(wave);
      await followRegistrationPeriod(m, cycleId);
      return saved;
    });
  }

  private async find(m: EntityManager, cycleId: number, id: number): Promise<Wave> {
    const wave = await m.findOneBy(Wave, { id, cycleId });
    if (!wave) throw DomainError.notFound('Wave', id);
    return wave;
  }
}

export async function requireCycle(m: EntityManager, cycleId: number): Promise<Cycle> {
  const cycle = await m.findOneBy(Cycle, { id: cycleId });
  if (!cycle) throw DomainError.notFound('Cycle', cycleId);
  return cycle;
}

/** Invitation links live until the last wave closes, message links a month past the last seminar: both follow the waves. */
async function followRegistrationPeriod(m: EntityManager, cycleId: number): Promise<void> {
  const last = await m.findOne(Wave, { where: { cycleId }, order: { registrationClosesAt: 'DESC' } });
  if (!last) return;
  const live = { cycleId, revokedAt: IsNull() };
  await m.update(Invitation, { ...live, purpose: 'invitation' }, { expiresAt: last.registrationClosesAt });
  await m.update(
    Invitation,
    { ...live, purpose: 'message' },
    { expiresAt: await messageLinkEnd(m, cycleId) },
  );
}

function checkPeriod(wave: Wave): void {
  if (wave.registrationClosesAt <= wave.registrationOpensAt) {
    throw new DomainError(
      'validation_failed',
      'wave.closes_before_opens',
      'registrationClosesAt must be after registrationOpensAt',
      [{ field: 'registrationClosesAt', reason: 'must be after registrationOpensAt' }],
    );
  }
}
