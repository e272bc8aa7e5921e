import { CLI_CALLER } from '../../src/cycles/caller';
import { Cycle } from '../../src/cycles/cycle.entity';
import { Member } from '../../src/cycles/member.entity';
import { MembersService } from '../../src/cycles/members.service';
import { TestApp } from '../helpers/test-app';
import { createCycle } from './cycle-members.factory';
import { createWave } from './planning.factory';

export interface Register {
  cycle: Cycle;
  soeren: Member;
  aase: Member;
  aarhus: Member;
  /** Odense's members numbered 001…, enough for three pages. */
  many: Member[];
}

/** A register made through MembersService (so its search text is what the app writes). */
export async function consoleRegister(t: TestApp, extra = 120): Promise<Register> {
  const cycle = await createCycle(t.dataSource);
  // An invitation's link lasts until the last wave closes, so there is one.
  await createWave(t.dataSource, cycle.id);
  const members = t.app.get(MembersService);
  const add = (name: string, email: string, municipalityCode = 461, listLetter = 'A') =>
    members.create(cycle.id, { name, email, municipalityCode, listLetter, newlyElected: true }, CLI_CALLER);
  const soeren = await add('Søren Ærø Østergård', 'soeren@odense.dk');
  const aase = await add('Åse Ågård', 'aase@odense.dk', 461, 'V');
  const aarhus = await add('Ærbødig Århusianer', 'aer@aarhus.dk', 751, 'Ø');
  const many: Member[] = [];
  for (let i = 1; i <= extra; i++)
    many.push(await add(`Bent Nummer ${String(i).padStart(3, '0')}`, `bent${i}@odense.dk`));
  return { cycle, soeren, aase, aarhus, many };
}
