import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { PortalAssetsController } from './portal-assets.controller';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';
import { ViewRenderer } from './view-renderer';

@Module({
  imports: [InvitationsModule, RegistrationsModule],
  controllers: [PortalController, PortalAssetsController],
  providers: [PortalService, ViewRenderer],
  exports: [ViewRenderer],
})
export class PortalModule {}
