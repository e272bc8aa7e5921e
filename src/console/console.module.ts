import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllocationModule } from '../allocation/allocation.module';
import { CyclesModule } from '../cycles/cycles.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MaterialsModule } from '../materials/materials.module';
import { MessagingModule } from '../messaging/messaging.module';
import { PlanningModule } from '../planning/planning.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WebModule } from '../web/web.module';
import { AllocationPagesController } from './allocation/allocation-pages.controller';
import { CheckInPagesController } from './check-in/check-in-pages.controller';
import { CyclePagesController } from './cycles/cycle-pages.controller';
import { EvaluationResultsPagesController } from './evaluations/evaluation-results-pages.controller';
import { QuestionnairePagesController } from './evaluations/questionnaire-pages.controller';
import { ImportPagesController } from './import/import-pages.controller';
import { ImportUploadMiddleware } from './import/upload.middleware';
import { MaterialPagesController } from './materials/material-pages.controller';
import { MaterialUploadMiddleware } from './materials/material-upload.middleware';
import { MemberListController } from './members/member-list.controller';
import { MemberPagesController } from './members/member-pages.controller';
import { ContactsController } from './contacts/contacts.controller';
import { MessagePagesController } from './messages/message-pages.controller';
import { MessagePreviewsController } from './messages/message-previews.controller';
import { MyMunicipalityController } from './municipality/my-municipality.controller';
import { OverviewController } from './overview/overview.controller';
import { InvitationPagesController } from './participation/invitation-pages.controller';
import { ParticipationPagesController } from './participation/participation-pages.controller';
import { PlanPagesController } from './planning/plan-pages.controller';
import { SeminarPagesController } from './planning/seminar-pages.controller';
import { TableUploadMiddleware } from './planning/table-upload.middleware';
import { VenuePagesController } from './planning/venue-pages.controller';
import { RosterPagesController } from './roster/roster-pages.controller';
import { SecondFactorController } from './second-factor.controller';
import { CycleBarService } from './shell/cycle-bar.service';
import { CycleChoice } from './shell/cycle-choice.entity';
import { ShellController } from './shell/shell.controller';
import { SignInController } from './sign-in.controller';
import { StaffPagesController } from './staff/staff-pages.controller';
import { StatisticsPagesController } from './statistics/statistics-pages.controller';

/**
 * The staff console: one folder per section (src/console/<section>/) with thin page controllers
 * over the domain modules' services; the layout and the cycle bar in shell/; signing in and the
 * second factor at the top.
 */
@Module({
  imports: [
    WebModule,
    CyclesModule,
    StatisticsModule,
    MessagingModule,
    InvitationsModule,
    RegistrationsModule,
    PlanningModule,
    ReferenceModule,
    MaterialsModule,
    EvaluationsModule,
    AllocationModule,
    PlanningModule,
    TypeOrmModule.forFeature([CycleChoice]),
  ],
  controllers: [
    SignInController,
    SecondFactorController,
    ShellController,
    OverviewController,
    CyclePagesController,
    MemberListController,
    MemberPagesController,
    MyMunicipalityController,
    ContactsController,
    StatisticsPagesController,
    ImportPagesController,
    InvitationPagesController,
    ParticipationPagesController,
    MaterialPagesController,
    EvaluationResultsPagesController,
    QuestionnairePagesController,
    StaffPagesController,
    AllocationPagesController,
    PlanPagesController,
    VenuePagesController,
    SeminarPagesController,
    RosterPagesController,
    CheckInPagesController,
    // Before MessagePagesController: /beskeder/skabeloner is not a message's /beskeder/:id.
    MessagePreviewsController,
    MessagePagesController,
  ],
  providers: [CycleBarService],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ImportUploadMiddleware)
      .forRoutes({ path: 'valgperioder/:cycle/import', method: RequestMethod.POST });
    consumer
      .apply(MaterialUploadMiddleware)
      .forRoutes(
        { path: 'valgperioder/:cycle/materialer', method: RequestMethod.POST },
        { path: 'valgperioder/:cycle/materialer/:id/erstat', method: RequestMethod.POST },
      );
    consumer
      .apply(TableUploadMiddleware)
      .forRoutes({ path: 'valgperioder/:cycle/planlaegning/tabel', method: RequestMethod.POST });
  }
}
