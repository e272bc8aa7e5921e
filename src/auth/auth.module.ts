import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RecoveryCode } from './recovery-code.entity';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { StaffUser } from './staff-user.entity';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { TwoFactorService } from './two-factor.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser, Session, RecoveryCode])],
  controllers: [AuthController, StaffController],
  providers: [
    AuthService,
    StaffService,
    SessionsService,
    TwoFactorService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [StaffService, SessionsService, AuthService, TwoFactorService],
})
export class AuthModule {}
