import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CyclesModule } from '../cycles/cycles.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MessagingModule } from '../messaging/messaging.module';
import { PlanningModule } from '../planning/planning.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WebModule } from '../web/web.module';
import { CyclePagesController } from './cycles/cycle-pages.controller';
import { ImportPagesController } from './import/import-pages.controller';
import { ImportUploadMiddleware } from './import/upload.middleware';
import { MemberListController } from './members/member-list.controller';
import { MemberPagesController } from './members/member-pages.controller';
import { ContactsController } from './contacts/contacts.controller';
import { MyMunicipalityController } from './municipality/my-municipality.controller';
import { OverviewController } from './overview/overview.controller';
import { InvitationPagesController } from './participation/invitation-pages.controller';
import { ParticipationPagesController } from './participation/participation-pages.controller';
import { PlanPagesController } from './planning/plan-pages.controller';
import { SeminarPagesController } from './planning/seminar-pages.controller';
import { TableUploadMiddleware } from './planning/table-upload.middleware';
import { VenuePagesController } from './planning/venue-pages.controller';
import { SecondFactorController } from './second-factor.controller';
import { CycleBarService } from './shell/cycle-bar.service';
import { CycleChoice } from './shell/cycle-choice.entity';
import { ShellController } from './shell/shell.controller';
import { SignInController } from './sign-in.controller';
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
    ReferenceModule,
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
    PlanPagesController,
    VenuePagesController,
    SeminarPagesController,
  ],
  providers: [CycleBarService],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ImportUploadMiddleware)
      .forRoutes({ path: 'valgperioder/:cycle/import', method: RequestMethod.POST });
    consumer
      .apply(TableUploadMiddleware)
      .forRoutes({ path: 'valgperioder/:cycle/planlaegning/tabel', method: RequestMethod.POST });
  }
}
