import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { CreateSeminarDto, SeminarQueryDto, UpdateSeminarDto } from './dto/seminar.dto';
import { CreateVenueDto, UpdateVenueDto } from './dto/venue.dto';
import { CreateWaveDto, UpdateWaveDto } from './dto/wave.dto';
import { Seminar } from './seminar.entity';
import { SeminarsService } from './seminars.service';
import { Venue } from './venue.entity';
import { VenuesService } from './venues.service';
import { Wave } from './wave.entity';
import { WavesService } from './waves.service';

@ApiTags('planning')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  @Get()
  @ApiOperation({ summary: 'List the venues' })
  list(): Promise<Venue[]> {
    return this.venues.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a venue' })
  create(@Body() body: CreateVenueDto): Promise<Venue> {
    return this.venues.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a venue' })
  get(@Param('id', ParseIntPipe) id: number): Promise<Venue> {
    return this.venues.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a venue' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateVenueDto): Promise<Venue> {
    return this.venues.update(id, body);
  }
}

@ApiTags('planning')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/cycles/:cycleId/waves')
export class WavesController {
  constructor(private readonly waves: WavesService) {}

  @Get()
  @ApiOperation({ summary: "List a cycle's waves" })
  list(@Param('cycleId', ParseIntPipe) cycleId: number): Promise<Wave[]> {
    return this.waves.list(cycleId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a wave' })
  create(@Param('cycleId', ParseIntPipe) cycleId: number, @Body() body: CreateWaveDto): Promise<Wave> {
    return this.waves.create(cycleId, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a wave' })
  get(@Param('cycleId', ParseIntPipe) cycleId: number, @Param('id', ParseIntPipe) id: number): Promise<Wave> {
    return this.waves.get(cycleId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a wave' })
  update(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateWaveDto,
  ): Promise<Wave> {
    return this.waves.update(cycleId, id, body);
  }
}

@ApiTags('planning')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/seminars')
export class SeminarsController {
  constructor(private readonly seminars: SeminarsService) {}

  @Get()
  @ApiOperation({ summary: 'List seminars (filter by cycle, wave or status)' })
  list(@Query() query: SeminarQueryDto): Promise<Seminar[]> {
    return this.seminars.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a seminar' })
  create(@Body() body: CreateSeminarDto): Promise<Seminar> {
    return this.seminars.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a seminar with its agenda' })
  get(@Param('id', ParseIntPipe) id: number): Promise<Seminar> {
    return this.seminars.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a seminar' })
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateSeminarDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Seminar> {
    return this.seminars.update(id, body, staff.id);
  }
}
