import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { resolveAuthSecret } from './auth-secret';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { StaffUser } from './staff-user.entity';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([StaffUser]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: resolveAuthSecret(config),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, StaffController],
  providers: [AuthService, StaffService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [StaffService, AuthService],
})
export class AuthModule {}
