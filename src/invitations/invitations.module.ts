import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';
import { PersonalLinksModule } from './personal-links';

/**
 * Issues personal links and publishes `invitation.issued` (the messaging module mails them); the
 * participation funnel, from invitation to seat.
 */
@Module({
  imports: [RegistrationsModule, PersonalLinksModule],
  controllers: [InvitationsController, ParticipationController],
  providers: [InvitationsService, ParticipationService],
  exports: [InvitationsService, ParticipationService, PersonalLinksModule],
})
export class InvitationsModule {}
