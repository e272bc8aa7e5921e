import { BeforeApplicationShutdown, Global, Injectable, Logger, Module } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';

/**
 * The one way work runs in the background, on @nestjs/schedule's registry. A module starts its
 * own periodic work when the app boots (`every`, with the switch from the configuration that is
 * named for that work; 0 leaves it off) and hands a job it does not wait for to `detached`. Both
 * log a failure instead of throwing, and the app waits for what is running when it shuts down.
 */
@Injectable()
export class BackgroundWork implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BackgroundWork.name);
  private readonly running = new Set<Promise<unknown>>();
  private readonly stops = new Set<() => void>();
  private stopping = false;

  constructor(private readonly registry: SchedulerRegistry) {}

  /** Runs `work` every `intervalMs`, never two runs at once; `intervalMs` 0 leaves it off. */
  every(name: string, intervalMs: number, work: () => Promise<unknown>): void {
    if (intervalMs <= 0) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopping) return;
      busy = true;
      void this.detached(name, work).finally(() => (busy = false));
    }, intervalMs);
    // The timer alone does not keep a process alive (a command ends when its work is done).
    timer.unref();
    this.registry.addInterval(name, timer);
  }

  /**
   * Starts `work` without the caller waiting; resolves with its result, or undefined when it failed.
   * `stop`, if given, is called when the app shuts down while the work runs (to cut a long job short).
   */
  detached<T>(name: string, work: () => Promise<T>, stop?: () => void): Promise<T | undefined> {
    const run = Promise.resolve()
      .then(work)
      .catch((error: unknown) => {
        this.logger.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    this.running.add(run);
    if (stop) this.stops.add(stop);
    void run.finally(() => {
      this.running.delete(run);
      if (stop) this.stops.delete(stop);
    });
    return run;
  }

  /** Before the database closes: no new runs, and those under way finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const stop of this.stops) stop();
    await Promise.all(this.running);
  }
}

/** Global, so every module starts its own work here. */
@Global()
@Module({ imports: [ScheduleModule.forRoot()], providers: [BackgroundWork], exports: [BackgroundWork] })
export class BackgroundWorkModule {}
