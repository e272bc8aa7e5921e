import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanningModule } from '../planning/planning.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AllocationProposal } from './allocation-proposal.entity';
import { AllocationController } from './allocation.controller';
import { AllocationService } from './allocation.service';

@Module({
  imports: [TypeOrmModule.forFeature([AllocationProposal]), RegistrationsModule, PlanningModule],
  controllers: [AllocationController],
  providers: [AllocationService],
  exports: [AllocationService],
})
export class AllocationModule {}
