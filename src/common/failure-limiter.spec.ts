import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { dialectOf } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { FailureLimiter } from './failure-limiter';

describe(FailureLimiter.name, () => {
  let dataSource: DataSource;
  let now: number;
  let sut: FailureLimiter;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions({ engine: 'sqlite', path: ':memory:' })).initialize();
    await dataSource.runMigrations();
  });

  afterAll(() => dataSource.destroy());

  beforeEach(async () => {
    await dataSource.query('DELETE FROM failure_counts');
    now = 1_000_000;
    sut = new FailureLimiter(new Transactor(dataSource, dialectOf(dataSource)), 'test', 3, 60_000, () => now);
  });

  it('lets a key try until it has failed the maximum number of times', async () => {
    await sut.recordFailure('a');
    await sut.recordFailure('a');
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(0);
    await sut.recordFailure('a');
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(60);
    await expect(sut.retryAfterSeconds('b')).resolves.toBe(0);
  });

  it('forgets failures once their window has run out', async () => {
    for (let i = 0; i < 3; i++) await sut.recordFailure('a');
    now += 30_000;
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(30);
    now += 30_001;
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(0);
    await sut.recordFailure('a');
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(0);
  });

  it('starts afresh after a reset', async () => {
    for (let i = 0; i < 3; i++) await sut.recordFailure('a');
    await sut.reset('a');
    await expect(sut.retryAfterSeconds('a')).resolves.toBe(0);
  });

  it('keeps a count per scope, and no key in the clear', async () => {
    const other = new FailureLimiter(
      new Transactor(dataSource, dialectOf(dataSource)),
      'other',
      3,
      60_000,
      () => now,
    );
    for (let i = 0; i < 3; i++) await sut.recordFailure('203.0.113.7');
    await expect(other.retryAfterSeconds('203.0.113.7')).resolves.toBe(0);
    const rows: { key_hash: string }[] = await dataSource.query('SELECT key_hash FROM failure_counts');
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
