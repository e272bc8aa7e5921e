import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { ParticipationController } from './participation.controller';
import { MemberRegisterService } from './member-register.service';
import { ParticipationService } from './participation.service';
import { PersonalLinksModule } from './personal-links';

/**
 * Issues personal links and publishes `invitation.issued` (the messaging module mails them); the
 * participation funnel, from invitation to seat.
 */
@Module({
  imports: [RegistrationsModule, PersonalLinksModule, CyclesModule, ReferenceModule],
  controllers: [InvitationsController, ParticipationController],
  providers: [InvitationsService, ParticipationService, MemberRegisterService],
  exports: [InvitationsService, ParticipationService, MemberRegisterService, PersonalLinksModule],
})
export class InvitationsModule {}
