import { EntityManager, QueryFailedError } from 'typeorm';
import { dialectFor, isUniqueViolation } from './dialect';

const failed = (driverError: object) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('x'), driverError));
const ACTIVE_SEAT = {
  name: 'uq_registrations_active_seat',
  columns: 'registrations.cycle_id, registrations.member_id',
};

describe(isUniqueViolation.name, () => {
  const pg = failed({ code: '23505', constraint: 'uq_registrations_active_seat' });
  const sqlite = failed({
    code: 'SQLITE_CONSTRAINT_UNIQUE',
    message: 'UNIQUE constraint failed: registrations.cycle_id, registrations.member_id',
  });

  it('knows the named index on either engine', () => {
    expect([isUniqueViolation(pg, ACTIVE_SEAT), isUniqueViolation(sqlite, ACTIVE_SEAT)]).toEqual([
      true,
      true,
    ]);
  });

  it('tells another unique index apart when one is named, and takes any when none is', () => {
    const other = { name: 'uq_members_email', columns: 'members.cycle_id, members.email' };
    expect([isUniqueViolation(pg, other), isUniqueViolation(sqlite, other)]).toEqual([false, false]);
    expect([isUniqueViolation(pg), isUniqueViolation(sqlite)]).toEqual([true, true]);
  });

  it('is not fooled by other failures', () => {
    expect(isUniqueViolation(failed({ code: '23503' }))).toBe(false);
    expect(isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }))).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed'))).toBe(false);
  });
});

describe('Dialect', () => {
  const sqlite = dialectFor('sqlite');
  const postgres = dialectFor('postgres');

  it('queues transactions on SQLite only, and retries deadlocks and serialization failures on PostgreSQL', () => {
    expect([sqlite.serialTransactions, postgres.serialTransactions]).toEqual([true, false]);
    expect(postgres.isRetryable(failed({ code: '40P01' }))).toBe(true);
    expect(postgres.isRetryable(failed({ code: '40001' }))).toBe(true);
    expect(postgres.isRetryable(failed({ code: '23505' }))).toBe(false);
    expect(sqlite.isRetryable(failed({ code: 'SQLITE_BUSY' }))).toBe(false);
  });

  it("reads SQLite's zone-less UTC text as UTC, and keeps PostgreSQL's Date", () => {
    expect(sqlite.instant('2026-01-15 12:00:00.000').toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(sqlite.instant('2026-01-15T12:00:00Z').toISOString()).toBe('2026-01-15T12:00:00.000Z');
    const date = new Date('2026-04-16T11:00:00Z');
    expect(postgres.instant(date)).toBe(date);
  });

  it('gives the migrations a UTC instant and a binary type per engine', () => {
    expect(sqlite.columnTypes).toEqual({ instant: 'datetime', binary: 'blob' });
    expect(postgres.columnTypes).toEqual({ instant: 'timestamptz', binary: 'bytea' });
  });

  it('binds every raw value, lists one by one, instants as each engine stores them, and leaves casts alone', async () => {
    const sent = (dialect: typeof sqlite) => {
      const calls: unknown[][] = [];
      const manager = {
        queryRunner: {
          query: async (...args: unknown[]) => {
            calls.push(args.slice(0, 2));
            return { records: [{ id: 7 }], affected: 1 };
          },
        },
      } as unknown as EntityManager;
      const at = new Date('2026-01-15T12:00:00Z');
      return dialect
        .raw(manager, 'SELECT id::text FROM t WHERE id IN (:...ids) AND at < :at AND n = :n AND :unknown', {
          ids: [1, 2],
          at,
          n: 3,
        })
        .then((result) => ({ result, calls }));
    };
    const onSqlite = await sent(sqlite);
    expect(onSqlite.calls).toEqual([
      [
        'SELECT id::text FROM t WHERE id IN (?, ?) AND at < ? AND n = ? AND :unknown',
        [1, 2, '2026-01-15 12:00:00.000', 3],
      ],
    ]);
    expect(onSqlite.result).toEqual({ rows: [{ id: 7 }], affected: 1 });
    const onPostgres = await sent(postgres);
    expect(onPostgres.calls[0][0]).toBe(
      'SELECT id::text FROM t WHERE id IN ($1, $2) AND at < $3 AND n = $4 AND :unknown',
    );
    expect((onPostgres.calls[0][1] as unknown[])[2]).toEqual(new Date('2026-01-15T12:00:00Z'));
  });
});
