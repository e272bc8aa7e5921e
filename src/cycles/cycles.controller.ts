import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Cycle } from './cycle.entity';
import { CyclesService } from './cycles.service';
import { CreateCycleDto, UpdateCycleDto } from './dto/cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  // KL reads cycles for its statistics; a municipal contact needs the id to reach its members.
  @Roles('admin', 'planner', 'kl', 'municipality')
  @Get()
  @ApiOperation({ summary: 'List the cycles' })
  list(): Promise<Cycle[]> {
    return this.cycles.list();
  }

  @Roles('admin', 'planner', 'kl', 'municipality')
  @Get(':cycleId')
  @ApiOperation({ summary: 'Get a cycle' })
  get(@Param('cycleId', ParseIntPipe) id: number): Promise<Cycle> {
    return this.cycles.get(id);
  }

  @Roles('admin', 'planner')
  @Post()
  @ApiOperation({ summary: 'Create a cycle' })
  create(@Body() body: CreateCycleDto): Promise<Cycle> {
    return this.cycles.create(body);
  }

  @Roles('admin', 'planner')
  @Patch(':cycleId')
  @ApiOperation({ summary: 'Change a cycle' })
  update(@Param('cycleId', ParseIntPipe) id: number, @Body() body: UpdateCycleDto): Promise<Cycle> {
    return this.cycles.update(id, body);
  }
}
