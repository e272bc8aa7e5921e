import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { BackgroundWork } from './background-work';

describe(BackgroundWork.name, () => {
  let registry: SchedulerRegistry;
  let sut: BackgroundWork;
  let logged: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new SchedulerRegistry();
    sut = new BackgroundWork(registry);
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    for (const name of registry.getIntervals()) registry.deleteInterval(name);
    jest.useRealTimers();
    logged.mockRestore();
  });

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('runs on every tick under its name, skipping a tick while the last run is still going', async () => {
    let finish: () => void = () => undefined;
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    sut.every('Sweep', 1000, work);
    expect(registry.getIntervals()).toEqual(['Sweep']);
    jest.advanceTimersByTime(1000);
    await settle();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(work).toHaveBeenCalledTimes(1);
    finish();
    await settle();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('registers nothing when the switch is 0', () => {
    const work = jest.fn(() => Promise.resolve());
    sut.every('Sweep', 0, work);
    jest.advanceTimersByTime(60_000);
    expect(registry.getIntervals()).toEqual([]);
    expect(work).not.toHaveBeenCalled();
  });

  it('logs a failed run and runs again on the next tick', async () => {
    const work = jest.fn().mockRejectedValue(new Error('database gone'));
    sut.every('Sweep', 1000, work);
    jest.advanceTimersByTime(1000);
    await settle();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(work).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledWith('Sweep failed: database gone');
  });

  it('gives a detached job its result, or undefined and a log line when it fails', async () => {
    await expect(sut.detached('Job', () => Promise.resolve(7))).resolves.toBe(7);
    await expect(sut.detached('Job', () => Promise.reject(new Error('boom')))).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith('Job failed: boom');
  });

  it('waits at shutdown for the work under way and starts none after', async () => {
    let finish: () => void = () => undefined;
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    sut.every('Sweep', 1000, work);
    jest.advanceTimersByTime(1000);
    await settle();
    let stopped = false;
    const stopping = sut.beforeApplicationShutdown().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    jest.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
