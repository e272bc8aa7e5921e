import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CyclesModule } from '../cycles/cycles.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MessagingModule } from '../messaging/messaging.module';
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
import { MessagePagesController } from './messages/message-pages.controller';
import { MessagePreviewsController } from './messages/message-previews.controller';
import { MyMunicipalityController } from './municipality/my-municipality.controller';
import { OverviewController } from './overview/overview.controller';
import { InvitationPagesController } from './participation/invitation-pages.controller';
import { ParticipationPagesController } from './participation/participation-pages.controller';
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
  }
}
