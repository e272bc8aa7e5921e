import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { callerOf } from './caller';
import {
  CreateMemberDto,
  MemberFilterDto,
  MemberListQueryDto,
  MemberPage,
  UpdateMemberDto,
} from './dto/member.dto';
import { MemberExportService } from './export/member-export.service';
import { Member } from './member.entity';
import { MembersService } from './members.service';

/** Planners and admins see every member; a municipal contact only those of its municipality. */
@ApiTags('members')
@ApiBearerAuth()
@Roles('admin', 'planner', 'municipality')
@Controller('api/cycles/:cycleId/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly exporter: MemberExportService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Search a cycle's members" })
  list(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: MemberListQueryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<MemberPage<Member>> {
    return this.members.list(cycleId, query, callerOf(staff));
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the members as CSV' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async export(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() filter: MemberFilterDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, body } = await this.exporter.csv(cycleId, filter, callerOf(staff));
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @Post()
  @ApiOperation({ summary: 'Add a member' })
  create(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Body() body: CreateMemberDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Member> {
    return this.members.create(cycleId, body, callerOf(staff));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a member' })
  get(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Member> {
    return this.members.get(cycleId, id, callerOf(staff));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a member' })
  update(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateMemberDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Member> {
    return this.members.update(cycleId, id, body, callerOf(staff));
  }

  @Roles('admin', 'planner')
  @Delete(':id')
  @ApiOperation({ summary: 'Remove a member' })
  @HttpCode(204)
  remove(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<void> {
    return this.members.remove(cycleId, id, callerOf(staff));
  }
}
