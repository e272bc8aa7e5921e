import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationDelivery } from './invitation-delivery';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { PersonalLinksModule } from './personal-links';

@Module({
  imports: [RegistrationsModule, MessagingModule, PersonalLinksModule],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationDelivery],
  exports: [InvitationsService, InvitationDelivery, PersonalLinksModule],
})
export class InvitationsModule {}
