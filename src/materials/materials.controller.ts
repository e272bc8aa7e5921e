import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { CreateMaterialDto } from './dto/create-material.dto';
import { Material } from './material.entity';
import { sendMaterial } from './send-material';
import { MaterialScope, MaterialsService, UploadedMaterialFile } from './materials.service';

/** The same five routes for a seminar's materials and for the whole cycle's. */
abstract class MaterialsRoutes {
  constructor(protected readonly materials: MaterialsService) {}

  protected abstract scope(id: number): MaterialScope;

  @Post()
  @ApiOperation({ summary: 'Upload a material (a file or a link)' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @UseInterceptors(FileInterceptor('file'))
  create(
    @Param('scopeId', ParseIntPipe) scopeId: number,
    @Body() body: CreateMaterialDto,
    @UploadedFile() file: UploadedMaterialFile | undefined,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Material> {
    return this.materials.create(this.scope(scopeId), body, file, staff.id);
  }

  @Get()
  @ApiOperation({ summary: 'List the materials' })
  list(@Param('scopeId', ParseIntPipe) scopeId: number): Promise<Material[]> {
    return this.materials.list(this.scope(scopeId));
  }

  @Get(':id/content')
  @ApiOperation({ summary: "Download a material's file" })
  async content(
    @Param('scopeId', ParseIntPipe) scopeId: number,
    @Param('id', ParseIntPipe) id: number,
    @Res() res: Response,
  ): Promise<void> {
    sendMaterial(res, await this.materials.withContent(this.scope(scopeId), id));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a material' })
  @HttpCode(204)
  remove(@Param('scopeId', ParseIntPipe) scopeId: number, @Param('id', ParseIntPipe) id: number) {
    return this.materials.remove(this.scope(scopeId), id);
  }
}

@ApiTags('materials')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/seminars/:scopeId/materials')
export class SeminarMaterialsController extends MaterialsRoutes {
  constructor(materials: MaterialsService) {
    super(materials);
  }

  protected scope(seminarId: number): MaterialScope {
    return { seminarId };
  }
}

@ApiTags('materials')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('api/cycles/:scopeId/materials')
export class CycleMaterialsController extends MaterialsRoutes {
  constructor(materials: MaterialsService) {
    super(materials);
  }

  protected scope(cycleId: number): MaterialScope {
    return { cycleId };
  }
}
