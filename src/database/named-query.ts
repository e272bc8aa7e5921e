import { EntityManager } from 'typeorm';

/** A raw statement with `:name` parameters, escaped by the driver of either engine. */
export function namedQuery<T>(
  m: EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<T[]> {
  const [query, values] = m.connection.driver.escapeQueryWithParameters(sql, parameters);
  return m.query(query, values);
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
