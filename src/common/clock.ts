import { Global, Injectable, Module } from '@nestjs/common';

/** The time as the app reads it where waiting matters (the outbox); tests move it on instead of sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
