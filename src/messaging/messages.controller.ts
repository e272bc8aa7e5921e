import { Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { DomainError } from '../common/domain-error';
import { ListMessagesQuery } from './dto/list-messages.dto';
import { PreviewQuery } from './dto/preview.dto';
import { MessageLogEntry, MessageLogPage, RenderedMailDto } from './dto/message-log.dto';
import { MESSAGE_KINDS, MessageKind, RenderedMail } from './message-kinds';
import { MessageResender } from './message-resender';
import { OutboxService } from './outbox.service';

@ApiTags('messages')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/messages')
export class MessagesController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly resender: MessageResender,
  ) {}

  /** The delivery log: what was sent to whom, when, and why not. Newest first. */
  @Get()
  @ApiOperation({ summary: 'The delivery log of e-mails' })
  @ApiOkResponse({ type: MessageLogPage })
  list(@Query() query: ListMessagesQuery): Promise<MessageLogPage> {
    return this.outbox.list(query);
  }

  @Get('preview/:kind')
  @ApiOperation({ summary: 'Preview a kind of e-mail' })
  @ApiParam({ name: 'kind', enum: MESSAGE_KINDS })
  @ApiOkResponse({ type: RenderedMailDto })
  preview(@Param('kind') kind: string, @Query() query: PreviewQuery): Promise<RenderedMail> {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind))
      throw DomainError.notFound('Message kind', kind);
    return this.outbox.preview(kind as MessageKind, query);
  }

  /**
   * Sends a sent or failed message again as a new row `<key>:resend:<n>`, to the member's current
   * address with the body rendered afresh and a fresh link; 409 while it is pending, 422 when it
   * cannot be (no member, no address, a survey already answered or closed).
   */
  @Post(':id/resend')
  @ApiOperation({ summary: 'Send an e-mail again' })
  @ApiCreatedResponse({ type: MessageLogEntry })
  resend(@Param('id', ParseIntPipe) id: number): Promise<MessageLogEntry> {
    return this.resender.resend(id);
  }
}
