import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanningModule } from '../planning/planning.module';
import { CheckInService } from './check-in.service';
import { MemberPreference } from './member-preference.entity';
import { PreferencesService } from './preferences.service';
import { RegistrationEvent } from './registration-event.entity';
import { Registration } from './registration.entity';
import { RegistrationsController } from './registrations.controller';
import { SeatEventRecorder } from './seat-event-recorder';
import { SeatViewsService } from './seat-views.service';
import { SeatService } from './seat.service';

/**
 * Seats, waiting lists, attendance and wishes. Publishes `seat.changed` and `attendance.recorded`
 * (seat-events.ts) and knows nothing of who reacts to them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Registration, RegistrationEvent, MemberPreference]), PlanningModule],
  controllers: [RegistrationsController],
  providers: [SeatService, SeatEventRecorder, SeatViewsService, PreferencesService, CheckInService],
  exports: [SeatService, SeatEventRecorder, SeatViewsService, PreferencesService, CheckInService],
})
export class RegistrationsModule {}
