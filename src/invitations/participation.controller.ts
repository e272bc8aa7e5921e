import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ParticipationQueryDto } from './dto/participation.dto';
import { ParticipationService } from './participation.service';

@ApiTags('registrations')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api')
export class ParticipationController {
  constructor(private readonly funnel: ParticipationService) {}

  @Get('cycles/:cycleId/participation')
  @ApiOperation({ summary: 'Invitation and seat status per member' })
  participation(@Param('cycleId', ParseIntPipe) cycleId: number, @Query() query: ParticipationQueryDto) {
    return this.funnel.participation(cycleId, query.status);
  }
}
