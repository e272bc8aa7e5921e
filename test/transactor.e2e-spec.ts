import { setTimeout as sleep } from 'node:timers/promises';
import { Transactor } from '../src/database/transactor';
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

  it('keeps the work of one transaction when another that overlaps it in time fails', async () => {
    const sut = t.app.get(Transactor);
    const failing = sut.run(async (m) => {
      await m.insert(Venue, venue('Rullet tilbage'));
      await sleep(50);
      throw new Error('boom');
    });
    const succeeding = sut.run(async (m) => {
      await sleep(10);
      await m.insert(Venue, venue('Bevaret'));
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(succeeding).resolves.toBeUndefined();
    const names = (await t.dataSource.getRepository(Venue).find()).map((v) => v.name);
    expect(names).toEqual(['Bevaret']);
  });
});
