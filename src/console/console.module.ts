import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CyclesModule } from '../cycles/cycles.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WebModule } from '../web/web.module';
import { ImportPagesController } from './import/import-pages.controller';
import { ImportUploadMiddleware } from './import/upload.middleware';
import { CycleBarService } from './shell/cycle-bar.service';
import { CycleChoice } from './shell/cycle-choice.entity';
import { ShellController } from './shell/shell.controller';
import { SignInController } from './sign-in.controller';
import { StatisticsPagesController } from './statistics/statistics-pages.controller';

/**
 * The staff console: one folder per section (src/console/<section>/) with thin page controllers
 * over the domain modules' services; the layout and the cycle bar in shell/.
 */
@Module({
  imports: [WebModule, CyclesModule, StatisticsModule, TypeOrmModule.forFeature([CycleChoice])],
  controllers: [SignInController, ShellController, StatisticsPagesController, ImportPagesController],
  providers: [CycleBarService],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ImportUploadMiddleware)
      .forRoutes({ path: 'valgperioder/:cycle/import', method: RequestMethod.POST });
  }
}
