import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` in the background: never two runs at once, a failure logged
 * rather than thrown, and a timer that does not keep the process alive. Returns the stop function.
 */
export function runPeriodically(
  intervalMs: number,
  work: () => Promise<unknown>,
  logger: Logger,
  what: string,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) =>
        logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
