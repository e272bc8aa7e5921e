import { Logger } from '@nestjs/common';
import { runPeriodically } from './periodic';

describe(runPeriodically.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs on every tick, skips a tick while the last run is still going, and stops', async () => {
    let finish: () => void = () => undefined;
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const stop = runPeriodically(1000, work, new Logger('test'), 'Sweep');
    jest.advanceTimersByTime(1000);
    jest.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(2);
    stop();
    jest.advanceTimersByTime(5000);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and goes on', async () => {
    const logger = new Logger('test');
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const work = jest.fn().mockRejectedValue(new Error('database gone'));
    const stop = runPeriodically(1000, work, logger, 'Sweep');
    jest.advanceTimersByTime(1000);
    await Promise.resolve();
    await Promise.resolve();
    expect(error).toHaveBeenCalledWith('Sweep failed: database gone');
    jest.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(2);
    stop();
  });
});
