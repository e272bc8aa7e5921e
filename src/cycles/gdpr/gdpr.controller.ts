import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { callerOf } from '../caller';
import { Member } from '../member.entity';
import { GdprService, PersonalDataExport } from './gdpr.service';

@ApiTags('gdpr')
@ApiBearerAuth()
@Roles('admin', 'planner')
@Controller('api/cycles/:cycleId/members/:id')
export class GdprController {
  constructor(private readonly gdpr: GdprService) {}

  @Get('personal-data')
  @ApiOperation({ summary: "A member's personal data (GDPR access)" })
  personalData(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<PersonalDataExport> {
    return this.gdpr.personalData(cycleId, id, callerOf(staff));
  }

  @Post('erase')
  @ApiOperation({ summary: "Erase a member's personal data" })
  @HttpCode(200)
  erase(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Member> {
    return this.gdpr.erase(cycleId, id, callerOf(staff));
  }
}
