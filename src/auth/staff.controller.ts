import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from './access.decorators';
import { AuthenticatedStaff } from './authenticated-staff';
import { CurrentStaff } from './current-staff.decorator';
import { SessionDto } from './dto/session.dto';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { SessionsService } from './sessions.service';
import { StaffUser } from './staff-user.entity';
import { StaffService } from './staff.service';
import { TwoFactorService } from './two-factor.service';

@ApiTags('staff')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the staff accounts' })
  list(): Promise<StaffUser[]> {
    return this.staff.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account' })
  create(@Body() body: CreateStaffDto, @CurrentStaff() admin: AuthenticatedStaff): Promise<StaffUser> {
    return this.staff.create(body, admin);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a staff account' })
  get(@Param('id', ParseIntPipe) id: number): Promise<StaffUser> {
    return this.staff.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff account',
    description: "A new role, a new password or disabling the account ends the account's sessions.",
  })
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateStaffDto,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<StaffUser> {
    return this.staff.update(id, body, admin);
  }

  @Get(':id/sessions')
  @ApiOperation({ summary: "List an account's sessions that still work (console and API)" })
  @ApiOkResponse({ type: [SessionDto] })
  async listSessions(@Param('id', ParseIntPipe) id: number): Promise<SessionDto[]> {
    await this.staff.get(id);
    return (await this.sessions.active(id)).map(SessionDto.of);
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one session of an account' })
  @ApiNoContentResponse()
  endSession(
    @Param('id', ParseIntPipe) id: number,
    @Param('sessionId') sessionId: string,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<void> {
    return this.staff.endSession(id, sessionId, admin);
  }

  @Delete(':id/sessions')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session of an account' })
  @ApiNoContentResponse()
  async endSessions(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<void> {
    await this.staff.endSessions(id, admin);
  }

  @Delete(':id/second-factor')
  @HttpCode(204)
  @ApiOperation({
    summary: "Switch an account's second factor off (a lost phone)",
    description:
      'The recovery codes go and the sessions end; the user sets the app up again at the next sign-in.',
  })
  @ApiNoContentResponse()
  resetSecondFactor(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<void> {
    return this.twoFactor.reset(id, admin);
  }
}
