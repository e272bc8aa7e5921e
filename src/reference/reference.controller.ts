import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { STAFF_ROLES } from '../auth/roles';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { ReferenceService } from './reference.service';
import { Region } from './region.entity';

@ApiTags('reference data')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('api')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('municipalities')
  @ApiOperation({ summary: 'List the municipalities' })
  @ApiQuery({ name: 'region', required: false, description: 'Region code, e.g. 1081' })
  listMunicipalities(
    @Query('region', new ParseIntPipe({ optional: true })) region?: number,
  ): Promise<Municipality[]> {
    return this.reference.listMunicipalities(region);
  }

  @Get('municipalities/:code')
  @ApiOperation({ summary: 'Get a municipality' })
  getMunicipality(@Param('code', ParseIntPipe) code: number): Promise<Municipality> {
    return this.reference.getMunicipality(code);
  }

  @Get('regions')
  @ApiOperation({ summary: 'List the regions' })
  listRegions(): Promise<Region[]> {
    return this.reference.listRegions();
  }

  @Get('regions/:code')
  @ApiOperation({ summary: 'Get a region' })
  getRegion(@Param('code', ParseIntPipe) code: number): Promise<Region> {
    return this.reference.getRegion(code);
  }

  @Get('parties')
  @ApiOperation({ summary: 'List the parties' })
  listParties(): Promise<Party[]> {
    return this.reference.listParties();
  }
}
