import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CyclesModule } from '../cycles/cycles.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { PagesModule } from '../portal/pages.module';
import { ReferenceModule } from '../reference/reference.module';
import { DashboardAssetsController } from './dashboard/dashboard-assets.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardSession } from './dashboard/dashboard-session';
import { EvaluationFigures, SurveyEvaluationFigures } from './evaluation-figures';
import { StatisticsController } from './statistics.controller';
import { StatisticsQueries } from './statistics-queries';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [CyclesModule, ReferenceModule, AuthModule, PagesModule, EvaluationsModule],
  controllers: [StatisticsController, DashboardController, DashboardAssetsController],
  providers: [
    StatisticsService,
    StatisticsQueries,
    DashboardSession,
    { provide: EvaluationFigures, useClass: SurveyEvaluationFigures },
  ],
})
export class StatisticsModule {}
