import { Clock } from '../../src/common/clock';

/** The real time plus however far a test has moved it on: `startTestApp(env, [[Clock, clock]])`. */
export class MovableClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
