import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, MessageKind } from '../message-kinds';
import { OUTBOX_STATUSES, OutboxStatus } from '../outbox-message.entity';

/** One row of the delivery log as the API shows it: what happened, never the body. */
export class MessageLogEntry {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'confirmation:118:0' }) key: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind: MessageKind;
  @ApiProperty() recipientEmail: string;
  @ApiProperty() recipientName: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) memberId: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) seminarId: number | null;
  @ApiProperty() subject: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'kattegat.ics' }) icsFilename: string | null;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty() nextAttemptAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true, example: '550 5.1.1 Mailbox unavailable' }) lastError:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '250 2.0.0 Ok: queued as 4F2A91C3B' })
  smtpResponse: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class MessageLogPage {
  @ApiProperty({ type: [MessageLogEntry] }) items: MessageLogEntry[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RenderedMailDto {
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
}
