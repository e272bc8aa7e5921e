import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaItem } from './agenda-item.entity';
import { SeminarsController, VenuesController, WavesController } from './planning.controller';
import { SeatCounters } from './seat-counters';
import { Seminar } from './seminar.entity';
import { SeminarsService } from './seminars.service';
import { Venue } from './venue.entity';
import { VenuesService } from './venues.service';
import { Wave } from './wave.entity';
import { WavesService } from './waves.service';

/** Venues, waves and seminars; publishes their changes (planning-events.ts) for seats and links to follow. */
@Module({
  imports: [TypeOrmModule.forFeature([Venue, Wave, Seminar, AgendaItem])],
  controllers: [VenuesController, WavesController, SeminarsController],
  providers: [VenuesService, WavesService, SeminarsService, SeatCounters],
  exports: [SeatCounters, WavesService],
})
export class PlanningModule {}
