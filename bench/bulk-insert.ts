import { DataSource, ObjectLiteral } from 'typeorm';

/** Inserts generated rows in batches small enough for SQLite's limit on bound parameters. */
export async function insertAll<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => T,
  rows: object[],
) {
  const size = Math.floor(900 / Object.keys(rows[0] ?? { a: 1 }).length) || 1;
  for (let i = 0; i < rows.length; i += size) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size) as never)
      .updateEntity(false)
      .execute();
  }
}
