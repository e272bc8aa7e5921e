import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WebModule } from '../web/web.module';
import { DashboardController } from './dashboard.controller';
import { SignInController } from './sign-in.controller';

/** The staff pages: signing in and out, KL's dashboard and the planners' seminar overview. */
@Module({
  imports: [WebModule, CyclesModule, StatisticsModule],
  controllers: [SignInController, DashboardController],
})
export class ConsoleModule {}
