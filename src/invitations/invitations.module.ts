import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Decline } from './decline.entity';
import { DeclinesService } from './declines.service';
import { CyclesModule } from '../cycles/cycles.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationJob } from './invitation-job.entity';
import { InvitationsService } from './invitations.service';
import { InviteJobMetrics } from './invite-job-metrics';
import { InviteJobs } from './invite-jobs';
import { ParticipationController } from './participation.controller';
import { MemberRegisterService } from './member-register.service';
import { ParticipationService } from './participation.service';
import { PersonalLinksModule } from './personal-links';

/**
 * Issues personal links and publishes `invitation.issued` (the messaging module mails them); the
 * participation funnel, from invitation to seat; a member's decline.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Decline, InvitationJob]),
    RegistrationsModule,
    PersonalLinksModule,
    CyclesModule,
    ReferenceModule,
  ],
  controllers: [InvitationsController, ParticipationController],
  providers: [
    InvitationsService,
    InviteJobs,
    InviteJobMetrics,
    ParticipationService,
    DeclinesService,
    MemberRegisterService,
  ],
  exports: [
    InvitationsService,
    InviteJobs,
    DeclinesService,
    ParticipationService,
    MemberRegisterService,
    PersonalLinksModule,
  ],
})
export class InvitationsModule {}
