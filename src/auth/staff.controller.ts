import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from './access.decorators';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffUser } from './staff-user.entity';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  list(): Promise<StaffUser[]> {
    return this.staff.list();
  }

  @Post()
  create(@Body() body: CreateStaffDto): Promise<StaffUser> {
    return this.staff.create(body);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number): Promise<StaffUser> {
    return this.staff.get(id);
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateStaffDto): Promise<StaffUser> {
    return this.staff.update(id, body);
  }
}
