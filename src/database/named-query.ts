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
