import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DispatcherService } from './dispatcher.service';
import { MailRenderer } from './mail-renderer';
import { MemberMail } from './member-mail';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { MessagesController } from './messages.controller';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { SeatMessenger } from './seat-messenger';
import { ReminderSweeper } from './reminder-sweeper';
import { PersonalLinksModule } from '../invitations/personal-links';

/** The outbox, its dispatcher, the transport and the templates; the member-mail pipeline every sender uses (MemberMail). */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage]), PersonalLinksModule],
  controllers: [MessagesController],
  providers: [
    MailRenderer,
    OutboxService,
    DispatcherService,
    MemberMail,
    SeatMessenger,
    ReminderSweeper,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createMailTransport(config),
    },
  ],
  exports: [
    OutboxService,
    DispatcherService,
    MailRenderer,
    MemberMail,
    SeatMessenger,
    ReminderSweeper,
    PersonalLinksModule,
  ],
})
export class MessagingModule {}
