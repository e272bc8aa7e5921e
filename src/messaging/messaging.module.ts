import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DispatcherService } from './dispatcher.service';
import { MailRenderer } from './mail-renderer';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { MessagesController } from './messages.controller';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxService } from './outbox.service';
import { SeatMessenger } from './seat-messenger';
import { ReminderSweeper } from './reminder-sweeper';
import { PersonalLinksModule } from '../invitations/personal-links';

/** The outbox, its dispatcher, the transport and the templates. Other modules call OutboxService.enqueue. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage]), PersonalLinksModule],
  controllers: [MessagesController],
  providers: [
    MailRenderer,
    OutboxService,
    DispatcherService,
    SeatMessenger,
    ReminderSweeper,
    OutboxMetrics,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG, OutboxMetrics],
      useFactory: (config: AppConfig, metrics: OutboxMetrics) => metrics.meter(createMailTransport(config)),
    },
  ],
  exports: [OutboxService, DispatcherService, MailRenderer, SeatMessenger, ReminderSweeper],
})
export class MessagingModule {}
