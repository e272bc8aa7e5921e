export interface WaitOptions {
  /** Give up after this long; every wait has a deadline. */
  timeoutMs: number;
  /** What is awaited, for the error when the deadline passes. */
  what?: string;
  intervalMs?: number;
}

/** Asks `probe` again and again until it answers something truthy, which it returns; fails at the deadline. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  { timeoutMs, what = 'the condition', intervalMs = 25 }: WaitOptions,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
