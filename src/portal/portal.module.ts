import { Module } from '@nestjs/common';
import { CheckInImageController } from './check-in-image.controller';
import { CyclesModule } from '../cycles/cycles.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { MaterialsModule } from '../materials/materials.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { WebModule } from '../web/web.module';
import { MemberMaterialsController } from './member-materials.controller';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';
import { PublishedSeminars } from './published-seminars';
import { SurveyController } from './survey.controller';

/** The member's pages: the personal page and its downloads, and the evaluation survey. */
@Module({
  imports: [
    WebModule,
    CyclesModule,
    InvitationsModule,
    RegistrationsModule,
    MaterialsModule,
    EvaluationsModule,
  ],
  controllers: [PortalController, MemberMaterialsController, SurveyController, CheckInImageController],
  providers: [PortalService, PublishedSeminars],
})
export class PortalModule {}
