import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { PersonalLinksModule } from './personal-links';

/** Issues personal links and publishes `invitation.issued`; the messaging module mails them. */
@Module({
  imports: [RegistrationsModule, PersonalLinksModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
  exports: [InvitationsService, PersonalLinksModule],
})
export class InvitationsModule {}
