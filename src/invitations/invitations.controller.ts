import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { InviteDto } from './dto/invite.dto';
import { InvitationsService } from './invitations.service';
import { InviteJob, InviteJobs } from './invite-jobs';

@ApiTags('invitations')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/cycles/:cycleId/invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly jobs: InviteJobs,
  ) {}

  @Get()
  @ApiOperation({ summary: "List a cycle's invitations" })
  list(@Param('cycleId', ParseIntPipe) cycleId: number) {
    return this.invitations.list(cycleId);
  }

  /** 201 when done at once (one batch); 202 while a larger invitation runs on: follow `jobs/{id}`. */
  @Post()
  @ApiOperation({ summary: 'Invite members (a background job)' })
  @ApiResponse({ status: 202, description: 'Being issued in the background; GET jobs/{id} until done' })
  async invite(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Body() body: InviteDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InviteJob> {
    const job = await this.jobs.start(cycleId, body, staff.id);
    if (job.status === 'running') res.status(HttpStatus.ACCEPTED);
    return job;
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'Follow an invitation job' })
  job(@Param('cycleId', ParseIntPipe) cycleId: number, @Param('id') id: string): Promise<InviteJob> {
    return this.jobs.job(cycleId, id);
  }

  @Post(':memberId/reissue')
  @ApiOperation({ summary: "Issue a member's personal link again" })
  reissue(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('memberId', ParseIntPipe) memberId: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.invitations.reissue(cycleId, memberId, staff.id);
  }
}
