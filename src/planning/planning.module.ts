import { Module } from '@nestjs/common';
import { SeminarsController, VenuesController, WavesController } from './planning.controller';
import { SeatCounters } from './seat-counters';
import { SeminarsService } from './seminars.service';
import { VenuesService } from './venues.service';
import { WavesService } from './waves.service';

/** Venues, waves and seminars; publishes their changes (planning-events.ts) for seats and links to follow. */
@Module({
  controllers: [VenuesController, WavesController, SeminarsController],
  providers: [VenuesService, WavesService, SeminarsService, SeatCounters],
  exports: [SeatCounters],
})
export class PlanningModule {}
