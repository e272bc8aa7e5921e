import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Cycle } from '../cycles/cycle.entity';
import { Dialect } from '../database/dialect';
import { DomainEvents } from '../database/domain-events';
import { hydrated } from '../database/hydrated';
import { Transactor } from '../database/transactor';
import { CreateWaveDto, UpdateWaveDto } from './dto/wave.dto';
import { shiftSeminarTimes } from './seminar-copies';
import { Seminar } from './seminar.entity';
import { copyOf, insertSeminar } from './seminar-writes';
import { Wave } from './wave.entity';

@Injectable()
export class WavesService {
  constructor(
    private readonly transactor: Transactor,
    private readonly events: DomainEvents,
    private readonly dialect: Dialect,
  ) {}

  /** The cycle's waves, the first to open first; an unknown cycle is a 404. */
  async list(cycleId: number): Promise<Wave[]> {
    await this.transactor.read((m) => requireCycle(m, cycleId));
    return this.listIn(cycleId);
  }

  /**
   * As list, in a cycle the caller has read already (so not read again to find it exists). A read,
   * not a transaction: Deltagelse and Planlægning ask on every view, and on SQLite a transaction
   * waits behind every booking in the write queue.
   */
  listIn(cycleId: number): Promise<Wave[]> {
    return this.transactor.read(async (m) => {
      const { rows } = await this.dialect.raw<Record<string, unknown>>(
        m,
        'SELECT * FROM waves WHERE cycle_id = :cycleId ORDER BY registration_opens_at, id',
        { cycleId },
      );
      return rows.map((row) => hydrated(m, Wave, row));
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
      await this.events.publish(m, 'registration_period.changed', { cycleId });
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
      await this.events.publish(m, 'registration_period.changed', { cycleId });
      return saved;
    });
  }

  /**
   * A new wave like `id`: its seminars (cancelled ones left out) copied as drafts `days` calendar
   * days later at the same local times, agendas included, with the new registration window. Each
   * copy's deadline is moved by the same days, though never past the new wave's closing or its start.
   */
  copy(
    cycleId: number,
    id: number,
    copy: { name: string; registrationOpensAt: Date; registrationClosesAt: Date; days: number },
  ): Promise<Wave> {
    return this.transactor.run(async (m) => {
      const source = await this.find(m, cycleId, id);
      const wave = m.create(Wave, {
        cycleId,
        name: copy.name,
        registrationOpensAt: copy.registrationOpensAt,
        registrationClosesAt: copy.registrationClosesAt,
      });
      checkPeriod(wave);
      const saved = await m.save(wave);
      const seminars = await m.find(Seminar, {
        where: { waveId: source.id },
        relations: { agenda: true },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      for (const seminar of seminars.filter((s) => s.status !== 'cancelled')) {
        const { agenda, ...times } = shiftSeminarTimes(
          { ...seminar, agenda: seminar.agenda ?? [] },
          copy.days,
        );
        const deadline = [times.registrationDeadline, saved.registrationClosesAt, times.startsAt].reduce(
          (a, b) => (a < b ? a : b),
        );
        await insertSeminar(
          m,
          { ...copyOf(seminar), ...times, registrationDeadline: deadline, waveId: saved.id },
          agenda,
        );
      }
      await this.events.publish(m, 'registration_period.changed', { cycleId });
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
