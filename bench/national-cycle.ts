import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { StaffService } from '../src/auth/staff.service';
import { Cycle } from '../src/cycles/cycle.entity';
import { Member } from '../src/cycles/member.entity';
import { InviteJobs } from '../src/invitations/invite-jobs';
import { SEEDS_DIR } from '../src/paths';
import { Seminar } from '../src/planning/seminar.entity';
import { createCycle, createMembers } from '../test/factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../test/factories/planning.factory';
import { TestApp } from '../test/helpers/test-app';

const csv = (file: string): Record<string, string>[] =>
  parse(readFileSync(join(SEEDS_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true });

export interface NationalCycle {
  cycle: Cycle;
  seminars: Seminar[];
  members: Member[];
  plannerId: number;
}

/**
 * A national cycle: `members` spread over the 98 municipalities, `seminars` of 64 seats at the demo
 * venues (spread a little where a town has several), a planner, and every member invited.
 */
export async function createNationalCycle(
  t: TestApp,
  size: { members: number; seminars: number },
): Promise<NationalCycle> {
  const cycle = await createCycle(t.dataSource);
  const wave = await createWave(t.dataSource, cycle.id);
  const towns = csv('demo/venues.csv');
  const seminars: Seminar[] = [];
  for (let i = 0; i < size.seminars; i++) {
    const town = towns[i % towns.length];
    const venue = await createVenue(t.dataSource, {
      town: town.city,
      latitude: Number(town.lat) + (i < towns.length ? 0 : ((i * 7) % 10) / 100 - 0.05),
      longitude: Number(town.lon) + (i < towns.length ? 0 : ((i * 3) % 10) / 100 - 0.05),
    });
    seminars.push(await createSeminar(t.dataSource, wave, venue, { capacity: 64 }));
  }
  const codes = csv('reference/municipalities.csv').map((m) => Number(m.code));
  const members: Member[] = [];
  for (let k = 0; k < codes.length; k++) {
    const count = Math.floor(size.members / codes.length) + (k < size.members % codes.length ? 1 : 0);
    members.push(...(await createMembers(t.dataSource, cycle.id, count, { municipalityCode: codes[k] })));
  }
  const planner = await t.app.get(StaffService).create({
    email: `planner-${cycle.id}@bench.dk`,
    name: 'Planner',
    password: 'et-rigtig-langt-kodeord',
    role: 'planner',
  });
  const jobs = t.app.get(InviteJobs);
  await jobs.finished(cycle.id, (await jobs.start(cycle.id, {}, planner.id)).id);
  return { cycle, seminars, members, plannerId: planner.id };
}
