import { Controller, Get, Param, ParseIntPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Roles } from '../auth/access.decorators';
import {
  comparisonCsv,
  municipalitiesCsv,
  partiesCsv,
  regionsCsv,
  seminarsCsv,
  summaryCsv,
  timelineCsv,
  wavesCsv,
} from './statistics-csv';
import {
  CompareQueryDto,
  ComparisonDto,
  FormatQueryDto,
  MunicipalityListingDto,
  PartyListingDto,
  RegionListingDto,
  SeminarListingDto,
  SummaryDto,
  TimelineListingDto,
  WaveListingDto,
} from './dto/statistics.dto';
import { CycleRef, StatisticsService } from './statistics.service';

/** Statistics for KL: each figure as JSON, or as CSV with `?format=csv` or `Accept: text/csv`. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Roles('kl', 'planner', 'admin')
@Controller('api')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('cycles/:cycleId/statistics/summary')
  @ApiOperation({ summary: "A cycle's key figures" })
  @ApiOkResponse({ type: SummaryDto })
  async summary(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.summary(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'noegletal', summaryCsv);
  }

  @Get('cycles/:cycleId/statistics/municipalities')
  @ApiOperation({ summary: 'Participation per municipality' })
  @ApiOkResponse({ type: MunicipalityListingDto })
  async municipalities(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.municipalities(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'kommuner', (f) => municipalitiesCsv(f.items));
  }

  @Get('cycles/:cycleId/statistics/regions')
  @ApiOperation({ summary: 'Participation per region' })
  @ApiOkResponse({ type: RegionListingDto })
  async regions(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.regions(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'regioner', (f) => regionsCsv(f.items));
  }

  @Get('cycles/:cycleId/statistics/parties')
  @ApiOperation({ summary: 'Participation per party' })
  @ApiOkResponse({ type: PartyListingDto })
  async parties(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.parties(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'partier', (f) => partiesCsv(f.items));
  }

  @Get('cycles/:cycleId/statistics/seminars')
  @ApiOperation({ summary: 'Seats and attendance per seminar' })
  @ApiOkResponse({ type: SeminarListingDto })
  async seminars(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.seminars(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'seminarer', (f) => seminarsCsv(f.items));
  }

  @Get('cycles/:cycleId/statistics/waves')
  @ApiOperation({ summary: 'Seats and attendance per wave' })
  @ApiOkResponse({ type: WaveListingDto })
  async waves(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.waves(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'perioder', (f) => wavesCsv(f.items));
  }

  @Get('cycles/:cycleId/statistics/timeline')
  @ApiOperation({ summary: 'Registrations day by day' })
  @ApiOkResponse({ type: TimelineListingDto })
  async timeline(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: FormatQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const figures = await this.statistics.timeline(cycleId);
    return answer(req, res, query, figures, figures.cycle, 'tilmeldinger', (f) => timelineCsv(f.items));
  }

  @Get('statistics/compare')
  @ApiOperation({ summary: 'Compare cycles' })
  @ApiOkResponse({ type: ComparisonDto })
  async compare(
    @Query() query: CompareQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cycles = await this.statistics.compare(
      query.cycles
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    );
    const name = { id: 0, code: cycles.map((c) => c.cycle.code).join('-'), name: '' };
    return answer(req, res, query, { cycles }, name, 'sammenligning', (f) => comparisonCsv(f.cycles));
  }
}

function wantsCsv(req: Request, query: FormatQueryDto): boolean {
  if (query.format) return query.format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function answer<T>(
  req: Request,
  res: Response,
  query: FormatQueryDto,
  figures: T,
  cycle: CycleRef,
  name: string,
  csv: (figures: T) => string,
): T | string {
  if (!wantsCsv(req, query)) return figures;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="statistik-${cycle.code}-${name}.csv"`);
  return csv(figures);
}
