import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationJob } from './invitation-job.entity';
import { InvitationsService } from './invitations.service';
import { InviteJobMetrics } from './invite-job-metrics';
import { InviteJobs } from './invite-jobs';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';
import { PersonalLinksModule } from './personal-links';

/**
 * Issues personal links and publishes `invitation.issued` (the messaging module mails them); the
 * participation funnel, from invitation to seat.
 */
@Module({
  imports: [RegistrationsModule, PersonalLinksModule, TypeOrmModule.forFeature([InvitationJob])],
  controllers: [InvitationsController, ParticipationController],
  providers: [InvitationsService, InviteJobs, InviteJobMetrics, ParticipationService],
  exports: [InvitationsService, InviteJobs, PersonalLinksModule],
})
export class InvitationsModule {}
