import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MaterialsModule } from '../materials/materials.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { PagesModule } from './pages.module';
import { PortalAssetsController } from './portal-assets.controller';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

@Module({
  imports: [CyclesModule, InvitationsModule, RegistrationsModule, PagesModule, MaterialsModule],
  controllers: [PortalController, PortalAssetsController],
  providers: [PortalService],
})
export class PortalModule {}
