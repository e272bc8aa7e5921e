import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { InviteDto } from './dto/invite.dto';
import { InvitationsService, InviteResult } from './invitations.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/cycles/:cycleId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  list(@Param('cycleId', ParseIntPipe) cycleId: number) {
    return this.invitations.list(cycleId);
  }

  @Post()
  invite(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Body() body: InviteDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<InviteResult> {
    return this.invitations.invite(cycleId, body, staff.id);
  }

  @Post(':memberId/reissue')
  reissue(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('memberId', ParseIntPipe) memberId: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.invitations.reissue(cycleId, memberId, staff.id);
  }
}
