import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { loggingParams } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { MessagingModule } from './messaging/messaging.module';
import { ReferenceModule } from './reference/reference.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        TypeOrmModule.forRoot(dataSourceOptions(config.database)),
        ReferenceModule,
        AuthModule,
        MessagingModule,
      ],
      controllers: [HealthController],
    };
  }
}
