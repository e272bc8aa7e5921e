import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { DomainError } from '../../common/domain-error';
import { Cycle } from '../../cycles/cycle.entity';
import { CyclesService } from '../../cycles/cycles.service';
import { Dialect } from '../../database/dialect';
import { hydrated } from '../../database/hydrated';
import { Transactor } from '../../database/transactor';
import { CycleBar } from './console-page';
import { CycleChoice } from './cycle-choice.entity';

/**
 * The cycle a staff member works in: the one they chose last, else the newest that is not closed,
 * else the newest. A page about one cycle (`/valgperioder/:cycle/…`) shows that one instead.
 */
@Injectable()
export class CycleBarService {
  constructor(
    @InjectRepository(CycleChoice) private readonly choices: Repository<CycleChoice>,
    private readonly cycles: CyclesService,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
  ) {}

  /** The working cycle, null when there is none yet. */
  async active(staff: AuthenticatedStaff): Promise<Cycle | null> {
    const { all, chosenId } = await this.read(staff.id);
    return pickCycle(all, chosenId);
  }

  /** The cycle the staff member chose in the bar, if any. */
  async chosenId(staff: AuthenticatedStaff): Promise<number | null> {
    return (await this.choices.findOneBy({ staffUserId: staff.id }))?.cycleId ?? null;
  }

  async choose(staff: AuthenticatedStaff, cycleId: number): Promise<Cycle> {
    const cycle = await this.cycles.get(cycleId);
    await this.choices.upsert({ staffUserId: staff.id, cycleId: cycle.id }, ['staffUserId']);
    return cycle;
  }

  /** The header's bar for `shown` (or the working cycle), the chooser leading back to `back`. */
  async bar(staff: AuthenticatedStaff, back: string, shown?: Cycle): Promise<CycleBar | null> {
    const { all, chosenId } = await this.read(staff.id);
    const current = shown ?? pickCycle(all, chosenId);
    return current ? barOf(all, current, back) : null;
  }

  /** The working cycle and its bar, from one read of the cycles. */
  async working(
    staff: AuthenticatedStaff,
    back: string,
  ): Promise<{ cycle: Cycle | null; bar: CycleBar | null }> {
    const { all, chosenId } = await this.read(staff.id);
    const cycle = pickCycle(all, chosenId);
    return { cycle, bar: cycle && barOf(all, cycle, back) };
  }

  /** A page's own cycle (not found: the 404) and its bar, from one read of the cycles. */
  async shown(cycleId: number, back: string): Promise<{ cycle: Cycle; bar: CycleBar }> {
    const { all } = await this.read(null);
    const cycle = all.find((c) => c.id === cycleId);
    if (!cycle) throw DomainError.notFound('Cycle', cycleId);
    return { cycle, bar: barOf(all, cycle, back) };
  }

  /**
   * Every cycle, newest first, and the one the staff member chose (none asked for: null), in one
   * plain statement: every console page reads them.
   */
  private read(staffUserId: number | null): Promise<{ all: Cycle[]; chosenId: number | null }> {
    return this.transactor.read(async (m) => {
      const { rows } = await this.dialect.raw<Record<string, unknown>>(
        m,
        `SELECT c.*, (SELECT cycle_id FROM console_cycle_choices WHERE staff_user_id = :staffUserId) AS chosen_cycle_id
         FROM cycles c ORDER BY c.election_date DESC, c.id DESC`,
        { staffUserId },
      );
      const chosen = rows[0]?.chosen_cycle_id;
      return {
        all: rows.map((row) => hydrated(m, Cycle, row)),
        chosenId: chosen === null || chosen === undefined ? null : Number(chosen),
      };
    });
  }
}

function barOf(all: Cycle[], current: Cycle, back: string): CycleBar {
  return {
    current: {
      id: current.id,
      code: current.code,
      name: current.name,
      closed: current.status === 'closed',
    },
    choices:
      all.length > 1
        ? all.map((c) => ({ id: c.id, label: `${c.code} – ${c.name}`, selected: c.id === current.id }))
        : [],
    back,
  };
}

export function pickCycle(newestFirst: Cycle[], chosenId: number | null): Cycle | null {
  return (
    newestFirst.find((c) => c.id === chosenId) ??
    newestFirst.find((c) => c.status !== 'closed') ??
    newestFirst[0] ??
    null
  );
}

/** Where the chooser leads: the same page in the new cycle when it was about one cycle; only paths of this site. */
export function backInCycle(back: unknown, cycleId: number): string {
  if (typeof back !== 'string' || !/^\/(?!\/)[^\s\\]*$/.test(back)) return '/oversigt';
  const path = back.split('?')[0];
  return path
    .replace(/^\/valgperioder\/\d+(?=\/|$)/, `/valgperioder/${cycleId}`)
    .replace(/^\/valgperioder\/\d+\/medlemmer\/\d+.*$/, `/valgperioder/${cycleId}/medlemmer`);
}
