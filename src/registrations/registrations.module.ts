import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { MessagingModule } from '../messaging/messaging.module';
import { RegistrationsController } from './registrations.controller';
import { SeatEventRecorder } from './seat-event-recorder';
import { SeatViewsService } from './seat-views.service';
import { SeatService } from './seat.service';

@Module({
  imports: [EvaluationsModule, MessagingModule],
  controllers: [RegistrationsController],
  providers: [SeatService, SeatEventRecorder, SeatViewsService],
  exports: [SeatService, SeatEventRecorder],
})
export class RegistrationsModule {}
