import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a raw row holding its table's columns, each converted as TypeORM converts it on
 * reading (booleans, instants, transformers). For a hot path's plain statement, where building and
 * hydrating a query through TypeORM costs more than the row (see Dialect.raw).
 */
export function hydrated<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    // Columns TypeORM leaves out of a read (`select: false`) are left out here too.
    if (column.isSelect && column.databaseName in row) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
  }
  return entity;
}
