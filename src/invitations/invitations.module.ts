import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { InvitationDelivery } from './invitation-delivery';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationDelivery],
  exports: [InvitationsService, InvitationDelivery],
})
export class InvitationsModule {}
