import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  list(): Promise<Cycle[]> {
    return this.cycles.list();
  }

  @Roles('admin', 'planner', 'kl', 'municipality')
  @Get(':cycleId')
  get(@Param('cycleId', ParseIntPipe) id: number): Promise<Cycle> {
    return this.cycles.get(id);
  }

  @Roles('admin', 'planner')
  @Post()
  create(@Body() body: CreateCycleDto): Promise<Cycle> {
    return this.cycles.create(body);
  }

  @Roles('admin', 'planner')
  @Patch(':cycleId')
  update(@Param('cycleId', ParseIntPipe) id: number, @Body() body: UpdateCycleDto): Promise<Cycle> {
    return this.cycles.update(id, body);
  }
}
