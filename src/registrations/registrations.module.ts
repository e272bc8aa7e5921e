import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module';
import { PreferencesService } from './preferences.service';
import { RegistrationsController } from './registrations.controller';
import { SeatEventRecorder } from './seat-event-recorder';
import { SeatViewsService } from './seat-views.service';
import { SeatService } from './seat.service';

/**
 * Seats, waiting lists, attendance and wishes. Publishes `seat.changed` and `attendance.recorded`
 * (seat-events.ts) and knows nothing of who reacts to them.
 */
@Module({
  imports: [PlanningModule],
  controllers: [RegistrationsController],
  providers: [SeatService, SeatEventRecorder, SeatViewsService, PreferencesService],
  exports: [SeatService, SeatEventRecorder, PreferencesService],
})
export class RegistrationsModule {}
