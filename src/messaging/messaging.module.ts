import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PersonalLinksModule } from '../invitations/personal-links';
import { RegistrationsModule } from '../registrations/registrations.module';
import { Bounce } from './bounces/bounce.entity';
import { BounceListener } from './bounces/bounce-listener';
import { BouncesService } from './bounces/bounces.service';
import { DispatcherService } from './dispatcher.service';
import { InvitationMail } from './invitation-mail';
import { InvitationReminders } from './invitation-reminders';
import { MailRenderer } from './mail-renderer';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { MemberMail } from './member-mail';
import { MessageResender } from './message-resender';
import { MessagesController } from './messages.controller';
import { OutboxDrafts } from './outbox-drafts';
import { OutboxErasure } from './outbox-erasure';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxService } from './outbox.service';
import { ReminderSweeper } from './reminder-sweeper';
import { SeatMessenger } from './seat-messenger';

/**
 * The outbox, its dispatcher, the transport and the templates; the member-mail pipeline every
 * sender uses (MemberMail), and the handlers that turn seat and invitation events into e-mails;
 * resends, and bounces (VERP return paths, the inbound listener, the marked addresses).
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, Bounce]), PersonalLinksModule, RegistrationsModule],
  controllers: [MessagesController],
  providers: [
    MailRenderer,
    OutboxService,
    DispatcherService,
    OutboxDrafts,
    MemberMail,
    SeatMessenger,
    InvitationMail,
    OutboxErasure,
    ReminderSweeper,
    InvitationReminders,
    OutboxMetrics,
    MessageResender,
    BouncesService,
    BounceListener,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG, OutboxMetrics],
      useFactory: (config: AppConfig, metrics: OutboxMetrics) => metrics.meter(createMailTransport(config)),
    },
  ],
  exports: [
    OutboxService,
    MessageResender,
    BouncesService,
    DispatcherService,
    MailRenderer,
    MemberMail,
    ReminderSweeper,
    InvitationReminders,
    PersonalLinksModule,
  ],
})
export class MessagingModule {}
