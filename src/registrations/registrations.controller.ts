import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { AttendanceDto, MoveSeatDto, PlannerRegisterDto } from './dto/seat.dto';
import { Registration } from './registration.entity';
import { SeatViewsService } from './seat-views.service';
import { SeatService } from './seat.service';

const planner = (staff: AuthenticatedStaff) => ({ kind: 'planner' as const, staffId: staff.id });

@ApiTags('registrations')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api')
export class RegistrationsController {
  constructor(
    private readonly seats: SeatService,
    private readonly views: SeatViewsService,
  ) {}

  @Get('seminars/:seminarId/registrations')
  @ApiOperation({ summary: "A seminar's seats and waiting list" })
  seminarSeats(@Param('seminarId', ParseIntPipe) seminarId: number) {
    return this.views.seminarSeats(seminarId);
  }

  /** A planner may register a member after the deadline too. */
  @Post('seminars/:seminarId/registrations')
  @ApiOperation({ summary: 'Book a seat (or a waiting place) for a member' })
  register(
    @Param('seminarId', ParseIntPipe) seminarId: number,
    @Body() body: PlannerRegisterDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Registration> {
    return this.seats.register(body.memberId, seminarId, planner(staff));
  }

  @Post('seminars/:seminarId/attendance')
  @ApiOperation({ summary: 'Record attendance' })
  @HttpCode(200)
  attendance(
    @Param('seminarId', ParseIntPipe) seminarId: number,
    @Body() body: AttendanceDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Registration[]> {
    return this.seats.recordAttendance(seminarId, body.records, staff.id);
  }

  @Post('registrations/:id/cancel')
  @ApiOperation({ summary: 'Cancel a registration' })
  @HttpCode(200)
  cancel(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Registration> {
    return this.seats.cancel(id, planner(staff));
  }

  @Post('registrations/:id/move')
  @ApiOperation({ summary: 'Move a registration to another seminar' })
  @HttpCode(200)
  move(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: MoveSeatDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Registration> {
    return this.seats.move(id, body.seminarId, planner(staff));
  }

  @Get('cycles/:cycleId/preferences')
  @ApiOperation({ summary: "Members' seminar preferences in a cycle" })
  preferences(@Param('cycleId', ParseIntPipe) cycleId: number) {
    return this.views.preferences(cycleId);
  }
}
