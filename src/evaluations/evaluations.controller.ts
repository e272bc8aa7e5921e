import { Body, Controller, Get, Header, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { PutQuestionnaireDto } from './dto/questionnaire.dto';
import { ResultsQueryDto } from './dto/results-query.dto';
import { QuestionnairesService } from './questionnaires.service';
import { ResultsService } from './results.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('api/cycles/:cycleId/evaluations')
export class EvaluationsController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly results: ResultsService,
  ) {}

  @Get('questionnaire')
  @ApiOperation({ summary: "Get a cycle's questionnaire" })
  @Roles('planner', 'admin')
  questionnaire(@Param('cycleId', ParseIntPipe) cycleId: number) {
    return this.questionnaires.get(cycleId);
  }

  @Put('questionnaire')
  @ApiOperation({ summary: 'Replace the questionnaire' })
  @Roles('planner', 'admin')
  replaceQuestionnaire(@Param('cycleId', ParseIntPipe) cycleId: number, @Body() body: PutQuestionnaireDto) {
    return this.questionnaires.put(cycleId, body);
  }

  @Get('results')
  @ApiOperation({ summary: 'Evaluation results' })
  @Roles('planner', 'admin', 'kl')
  resultsOf(@Param('cycleId', ParseIntPipe) cycleId: number, @Query() query: ResultsQueryDto) {
    return this.results.results(cycleId, query);
  }

  @Get('results.csv')
  @ApiOperation({ summary: 'Evaluation results as CSV' })
  @Roles('planner', 'admin', 'kl')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async resultsCsv(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: ResultsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, body } = await this.results.csv(cycleId, query);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
