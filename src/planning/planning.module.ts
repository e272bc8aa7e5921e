import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SeminarsController, VenuesController, WavesController } from './planning.controller';
import { SeminarsService } from './seminars.service';
import { VenuesService } from './venues.service';
import { WavesService } from './waves.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [VenuesController, WavesController, SeminarsController],
  providers: [VenuesService, WavesService, SeminarsService],
})
export class PlanningModule {}
