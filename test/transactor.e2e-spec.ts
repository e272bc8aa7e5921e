import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { Transactor, TransactionAwaitedIo } from '../src/database/transactor';
import { Venue } from '../src/planning/venue.entity';
import { startTestApp, TestApp } from './helpers/test-app';

describe(Transactor.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const venue = (name: string) => ({
    name,
    address: 'Vej 1',
    postalCode: '8000',
    town: 'Aarhus',
    latitude: 56,
    longitude: 10,
  });
  const names = async () => (await t.dataSource.getRepository(Venue).find()).map((v) => v.name).sort();

  beforeEach(() => t.dataSource.getRepository(Venue).deleteAll());

  it('keeps the work of one transaction when another started at the same moment fails', async () => {
    const sut = t.app.get(Transactor);
    const failing = sut.run(async (m) => {
      await m.insert(Venue, venue('Rullet tilbage'));
      await m.count(Venue);
      throw new Error('boom');
    });
    const succeeding = sut.run(async (m) => {
      await m.count(Venue);
      await m.insert(Venue, venue('Bevaret'));
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(succeeding).resolves.toBeUndefined();
    await expect(names()).resolves.toEqual(['Bevaret']);
  });

  (process.env.DATABASE_URL ? describe.skip : describe)(
    'on SQLite, where reads share the one connection',
    () => {
      it('refuses and rolls back a transaction that waits for a file or a timer', async () => {
        const sut = t.app.get(Transactor);
        await expect(
          sut.run(async (m) => {
            await m.insert(Venue, venue('Efter en fil'));
            await readFile(__filename);
          }),
        ).rejects.toThrow(TransactionAwaitedIo);
        await expect(
          sut.run(async (m) => {
            await m.insert(Venue, venue('Efter et ur'));
            await sleep(1);
          }),
        ).rejects.toThrow(/waited for something other than the database/);
        await expect(names()).resolves.toEqual([]);
      });

      it('shows why: a read while such a transaction waits sees its uncommitted row', async () => {
        // What the guard prevents, done by hand on the shared connection.
        const runner = t.dataSource.createQueryRunner();
        await runner.startTransaction();
        await runner.manager.insert(Venue, venue('Ikke gemt endnu'));
        const seenMeanwhile = await names();
        await runner.rollbackTransaction();
        expect(seenMeanwhile).toEqual(['Ikke gemt endnu']);
        await expect(names()).resolves.toEqual([]);
      });

      it('commits the units queued at the same moment together, each caller getting its own result', async () => {
        const sut = t.app.get(Transactor);
        const query = jest.spyOn(BetterSqlite3QueryRunner.prototype, 'query');
        try {
          const units = Array.from({ length: 20 }, (_, i) =>
            sut.run(async (m) => {
              await m.insert(Venue, venue(`Sted ${String(i).padStart(2, '0')}`));
              return (await m.count(Venue)) > 0 ? i : -1;
            }),
          );
          await expect(Promise.all(units)).resolves.toEqual(Array.from({ length: 20 }, (_, i) => i));
          // One wait for the disk instead of twenty.
          expect(query.mock.calls.filter(([sql]) => sql === 'COMMIT')).toHaveLength(1);
        } finally {
          query.mockRestore();
        }
        await expect(names()).resolves.toHaveLength(20);
      });

      it('runs the units of a group that could not commit again, one at a time', async () => {
        const sut = t.app.get(Transactor);
        const first = sut.run((m) => m.insert(Venue, venue('Først')));
        // As SQLite does on a full disk: the whole transaction rolled back, not only the unit's part.
        const lost = sut.run(async (m) => {
          await m.insert(Venue, venue('Tabt'));
          await m.query('ROLLBACK');
          throw new Error('disken er fuld');
        });
        const last = sut.run((m) => m.insert(Venue, venue('Sidst')));
        await expect(lost).rejects.toThrow('disken er fuld');
        await Promise.all([first, last]);
        await expect(names()).resolves.toEqual(['Først', 'Sidst']);
      });

      it('lets a transaction that awaits only the database through, however many statements', async () => {
        const sut = t.app.get(Transactor);
        await sut.run(async (m) => {
          for (let i = 0; i < 200; i++) await m.insert(Venue, venue(`Sted ${String(i).padStart(3, '0')}`));
        });
        await expect(names()).resolves.toHaveLength(200);
      });
    },
  );
});
