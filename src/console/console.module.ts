import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WebModule } from '../web/web.module';
import { DashboardController } from './dashboard.controller';
import { SecondFactorController } from './second-factor.controller';
import { SignInController } from './sign-in.controller';

/** The staff pages: signing in and out, the second factor, KL's dashboard and the planners' seminar overview. */
@Module({
  imports: [WebModule, CyclesModule, StatisticsModule],
  controllers: [SignInController, SecondFactorController, DashboardController],
})
export class ConsoleModule {}
