import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CyclesModule } from '../cycles/cycles.module';
import { EvaluationResponse } from '../evaluations/evaluation-response.entity';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ReferenceModule } from '../reference/reference.module';
import { EvaluationFigures, SurveyEvaluationFigures } from './evaluation-figures';
import { StatisticsController } from './statistics.controller';
import { StatisticsQueries } from './statistics-queries';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [CyclesModule, ReferenceModule, EvaluationsModule, TypeOrmModule.forFeature([EvaluationResponse])],
  controllers: [StatisticsController],
  providers: [
    StatisticsService,
    StatisticsQueries,
    { provide: EvaluationFigures, useClass: SurveyEvaluationFigures },
  ],
  exports: [StatisticsService],
})
export class StatisticsModule {}
