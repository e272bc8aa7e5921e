import { Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { DomainError } from '../common/domain-error';
import { ListMessagesQuery } from './dto/list-messages.dto';
import { MESSAGE_KINDS, MessageKind, RenderedMail } from './message-kinds';
import { OutboxService } from './outbox.service';

@ApiTags('messages')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/messages')
export class MessagesController {
  constructor(private readonly outbox: OutboxService) {}

  /** The delivery log: what was sent to whom, when, and why not. Newest first. */
  @Get()
  list(@Query() query: ListMessagesQuery) {
    return this.outbox.list(query);
  }

  @Get('preview/:kind')
  @ApiParam({ name: 'kind', enum: MESSAGE_KINDS })
  preview(@Param('kind') kind: string): RenderedMail {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind))
      throw DomainError.notFound('Message kind', kind);
    return this.outbox.preview(kind as MessageKind);
  }

  @Post(':id/resend')
  resend(@Param('id', ParseIntPipe) id: number) {
    return this.outbox.resend(id);
  }
}
