import { EntityManager } from 'typeorm';
import { MemberFields } from '../member-rules';
import { Member } from '../member.entity';

export interface MemberUpdate {
  id: number;
  changes: Partial<MemberFields> & { searchText?: string | null };
}

// Parameters in a CASE have no type of their own on PostgreSQL; the cast gives the column's.
const CAST: Partial<Record<keyof MemberUpdate['changes'], string>> = {
  municipalityCode: 'integer',
  newlyElected: 'boolean',
};

/**
 * Updates members that change the same fields, to values of their own, with one statement per
 * chunk (`SET phone = CASE id WHEN … THEN … END WHERE id IN (…)`) instead of one per member.
 */
export async function updateMembers(
  manager: EntityManager,
  updates: MemberUpdate[],
  chunkSize: number,
  onChunk: (done: number) => void | Promise<void>,
): Promise<void> {
  const byFields = new Map<string, MemberUpdate[]>();
  for (const update of updates) {
    const key = Object.keys(update.changes).sort().join(',');
    byFields.set(key, [...(byFields.get(key) ?? []), update]);
  }
  for (const [key, group] of byFields) {
    const fields = key.split(',') as Array<keyof MemberUpdate['changes']>;
    for (let start = 0; start < group.length; start += chunkSize) {
      const chunk = group.slice(start, start + chunkSize);
      const parameters: Record<string, unknown> = { ids: chunk.map((u) => u.id) };
      const set: Record<string, () => string> = {};
      for (const field of fields) {
        const cast = CAST[field] ?? 'varchar';
        const whens = chunk.map((update, i) => {
          parameters[`id_${i}`] = update.id;
          parameters[`${field}_${i}`] = update.changes[field];
          return `WHEN :id_${i} THEN CAST(:${field}_${i} AS ${cast})`;
        });
        set[field] = () => `CASE id ${whens.join(' ')} END`;
      }
      await manager
        .createQueryBuilder()
        .update(Member)
        .set(set)
        .where('id IN (:...ids)')
        .setParameters(parameters)
        .callListeners(false)
        .updateEntity(false)
        .execute();
      await onChunk(chunk.length);
    }
  }
}
