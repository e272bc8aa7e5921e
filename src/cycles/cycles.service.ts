import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Transactor } from '../database/transactor';
import { Cycle } from './cycle.entity';
import { CreateCycleDto, UpdateCycleDto } from './dto/cycle.dto';
import { isUniqueViolation } from '../database/dialect';

@Injectable()
export class CyclesService {
  constructor(
    @InjectRepository(Cycle) private readonly cycles: Repository<Cycle>,
    private readonly transactor: Transactor,
  ) {}

  list(): Promise<Cycle[]> {
    return this.cycles.find({ order: { electionDate: 'DESC', id: 'DESC' } });
  }

  async get(id: number): Promise<Cycle> {
    const cycle = await this.cycles.findOneBy({ id });
    if (!cycle) throw DomainError.notFound('Cycle', id);
    return cycle;
  }

  /** The cycle of the election before this one's, if the register has it. */
  async previous(cycle: Cycle): Promise<Cycle | null> {
    return this.cycles.findOne({
      where: { electionDate: LessThan(cycle.electionDate) },
      order: { electionDate: 'DESC', id: 'DESC' },
    });
  }

  /** A cycle by id or by code (`KV25`), for the command line. */
  async find(idOrCode: string): Promise<Cycle> {
    const cycle = /^\d+$/.test(idOrCode)
      ? await this.cycles.findOneBy({ id: Number(idOrCode) })
      : await this.cycles.findOneBy({ code: idOrCode.toUpperCase() });
    if (!cycle) throw DomainError.notFound('Cycle', idOrCode);
    return cycle;
  }

  /** Several cycles, each by id or code, in the order asked, in one query; the first one missing is not found. */
  async findAll(idsOrCodes: string[]): Promise<Cycle[]> {
    const ids = idsOrCodes.filter((w) => /^\d+$/.test(w)).map(Number);
    const codes = idsOrCodes.filter((w) => !/^\d+$/.test(w)).map((w) => w.toUpperCase());
    const found = await this.cycles.find({
      where: [
        ...(ids.length > 0 ? [{ id: In(ids) }] : []),
        ...(codes.length > 0 ? [{ code: In(codes) }] : []),
      ],
    });
    return idsOrCodes.map((wanted) => {
      const cycle = found.find((c) =>
        /^\d+$/.test(wanted) ? c.id === Number(wanted) : c.code === wanted.toUpperCase(),
      );
      if (!cycle) throw DomainError.notFound('Cycle', wanted);
      return cycle;
    });
  }

  async create(input: CreateCycleDto): Promise<Cycle> {
    checkDates(input.electionDate, input.termStart);
    await this.checkCodeFree(input.code);
    const saved = await this.transactor
      .run((manager) => manager.save(manager.create(Cycle, { ...input, status: input.status ?? 'planning' })))
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? codeTaken(input.code) : error;
      });
    return this.get(saved.id);
  }

  async update(id: number, change: UpdateCycleDto): Promise<Cycle> {
    const cleared = Object.keys(change).filter((field) => change[field as keyof UpdateCycleDto] === null);
    if (cleared.length > 0) {
      throw new DomainError(
        'validation_failed',
        'cycle.fields_required',
        `${cleared.join(', ')} cannot be empty`,
        cleared.map((field) => ({ field, reason: 'cannot be empty' })),
      );
    }
    const cycle = await this.get(id);
    const next = { ...cycle, ...change };
    checkDates(next.electionDate, next.termStart);
    if (change.code !== undefined && change.code !== cycle.code) await this.checkCodeFree(change.code);
    await this.transactor.run((manager) =>
      manager.update(Cycle, id, {
        code: next.code,
        name: next.name,
        electionDate: next.electionDate,
        termStart: next.termStart,
        status: next.status,
        invitationReminderAfterDays: next.invitationReminderAfterDays,
        invitationReminderBeforeDeadlineDays: next.invitationReminderBeforeDeadlineDays,
      }),
    );
    return this.get(id);
  }

  private async checkCodeFree(code: string): Promise<void> {
    if (await this.cycles.existsBy({ code })) throw codeTaken(code);
  }
}

function codeTaken(code: string): DomainError {
  return new DomainError('conflict', 'cycle.code_taken', `A cycle with the code ${code} exists already`, [
    { field: 'code', reason: 'already in use' },
  ]);
}

function checkDates(electionDate: string, termStart: string): void {
  if (termStart <= electionDate) {
    throw new DomainError(
      'validation_failed',
      'cycle.term_before_election',
      'termStart must come after electionDate',
      [{ field: 'termStart', reason: 'must come after electionDate' }],
    );
  }
}
