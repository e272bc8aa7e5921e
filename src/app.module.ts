import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AllocationModule } from './allocation/allocation.module';
import { AuthModule } from './auth/auth.module';
import { BackgroundWorkModule } from './common/background-work';
import { ClockModule } from './common/clock';
import { loggingParams } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { CyclesModule } from './cycles/cycles.module';
import { dataSourceOptions } from './database/data-source-options';
import { DomainEventsModule } from './database/domain-events';
import { TransactorModule } from './database/transactor';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { HealthController } from './health/health.controller';
import { InvitationsModule } from './invitations/invitations.module';
import { MaterialsModule } from './materials/materials.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlanningModule } from './planning/planning.module';
import { PortalModule } from './portal/portal.module';
import { MessagingModule } from './messaging/messaging.module';
import { ReferenceModule } from './reference/reference.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { StatisticsModule } from './statistics/statistics.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), autoLoadEntities: true }),
        ReferenceModule,
        AuthModule,
        CyclesModule,
        TransactorModule,
        BackgroundWorkModule,
        ClockModule,
        DomainEventsModule,
        MetricsModule,
        PlanningModule,
        RegistrationsModule,
        InvitationsModule,
        PortalModule,
        MessagingModule,
        AllocationModule,
        StatisticsModule,
        EvaluationsModule,
        MaterialsModule,
        ConsoleModule,
      ],
      controllers: [HealthController],
    };
  }
}
