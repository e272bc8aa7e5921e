import { DataSource } from 'typeorm';
import { Cycle } from '../../src/cycles/cycle.entity';
import { Member } from '../../src/cycles/member.entity';

let cycles = 0;
let members = 0;

/** A cycle written straight to the database (the cycle API belongs to another part of the app). */
export async function createCycle(dataSource: DataSource, overrides: Partial<Cycle> = {}): Promise<Cycle> {
  const n = ++cycles;
  return dataSource.getRepository(Cycle).save({
    code: `KV${n}T${Date.now() % 100000}`,
    name: `Kommunalvalg test ${n}`,
    electionDate: '2025-11-18',
    termStart: '2026-01-01',
    status: 'active',
    ...overrides,
  });
}

/** Newly elected members of a cycle, from Odense (461) unless told otherwise. */
export async function createMembers(
  dataSource: DataSource,
  cycleId: number,
  count: number,
  overrides: Partial<Member> = {},
): Promise<Member[]> {
  const rows = Array.from({ length: count }, () => {
    const n = ++members;
    return {
      cycleId,
      name: `Æble Østergård ${n}`,
      email: `medlem${n}@kommune.test`,
      phone: null,
      municipalityCode: 461,
      listLetter: 'A',
      listName: 'Socialdemokratiet',
      newlyElected: true,
      role: 'member' as const,
      diet: null,
      accessibility: null,
      note: null,
      erasedAt: null,
      ...overrides,
    };
  });
  const saved: Member[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    saved.push(...(await dataSource.getRepository(Member).save(rows.slice(i, i + 100))));
  }
  return saved;
}
