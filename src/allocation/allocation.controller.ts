import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { AllocationService, ProposalView } from './allocation.service';
import { ProposeAllocationDto } from './dto/propose-allocation.dto';

@ApiTags('allocations')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/cycles/:cycleId/allocations')
export class AllocationController {
  constructor(private readonly allocations: AllocationService) {}

  @Post()
  @ApiOperation({ summary: 'Propose an allocation of seats' })
  @ApiResponse({ status: 201, description: 'Solved at once' })
  @ApiResponse({ status: 202, description: 'Being solved; GET the proposal until it is ready or failed' })
  async propose(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Body() body: ProposeAllocationDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalView> {
    const { solved, proposal } = await this.allocations.propose(cycleId, body, staff.id);
    res.status(solved ? HttpStatus.CREATED : HttpStatus.ACCEPTED);
    return proposal;
  }

  @Get()
  @ApiOperation({ summary: "List a cycle's allocation proposals" })
  list(@Param('cycleId', ParseIntPipe) cycleId: number) {
    return this.allocations.list(cycleId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an allocation proposal' })
  get(@Param('cycleId', ParseIntPipe) cycleId: number, @Param('id', ParseIntPipe) id: number) {
    return this.allocations.get(cycleId, id);
  }

  @Post(':id/apply')
  @ApiOperation({ summary: 'Apply an allocation proposal' })
  @HttpCode(200)
  apply(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.allocations.apply(cycleId, id, { kind: 'planner', staffId: staff.id });
  }

  @Post(':id/discard')
  @ApiOperation({ summary: 'Discard an allocation proposal' })
  @HttpCode(200)
  discard(@Param('cycleId', ParseIntPipe) cycleId: number, @Param('id', ParseIntPipe) id: number) {
    return this.allocations.discard(cycleId, id);
  }
}
