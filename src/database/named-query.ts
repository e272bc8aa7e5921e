import { EntityManager } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * A raw statement with `:name` parameters, its rows. Every value is bound (see Dialect.raw):
 * TypeORM's own escaping writes numbers into the text on SQLite, so a statement asked with another
 * member's id was prepared anew each time and pushed the hot statements out of the driver's cache.
 */
export async function namedQuery<T>(
  m: EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<T[]> {
  return (await dialectOf(m.connection).raw<T>(m, sql, parameters)).rows;
}

/**
 * `CASE id WHEN :…0 THEN :…1 … END`: in a multi-row UPDATE, each row's own value of a column, so a
 * batch of rows is written in one statement instead of one per row. The ids and values are added
 * to `parameters` under names starting with `name`.
 */
export function caseById(
  name: string,
  values: [number, unknown][],
  parameters: Record<string, unknown>,
): string {
  const whens = values.map(([id, value], i) => {
    parameters[`${name}Id${i}`] = id;
    parameters[`${name}${i}`] = value;
    return `WHEN :${name}Id${i} THEN :${name}${i}`;
  });
  return `CASE id ${whens.join(' ')} END`;
}
