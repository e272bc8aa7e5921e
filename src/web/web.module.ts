import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { AssetsController } from './assets.controller';
import { PageCsrf } from './csrf';
import { LinkLimiter } from './link-limiter';
import { StaffSession } from './staff-session';
import { ViewRenderer } from './view-renderer';

/**
 * The page layer every HTML page stands on. A module with page controllers imports this one. Nest
 * makes the pages' guards (PersonalLinkGuard, SurveyLinkGuard, StaffSessionGuard), their filter and
 * their interceptor in that module; they find what they need here, so the modules of links and
 * sessions are passed on.
 */
@Module({
  imports: [AuthModule, InvitationsModule, EvaluationsModule],
  controllers: [AssetsController],
  providers: [ViewRenderer, PageCsrf, LinkLimiter, StaffSession],
  exports: [
    ViewRenderer,
    PageCsrf,
    LinkLimiter,
    StaffSession,
    AuthModule,
    InvitationsModule,
    EvaluationsModule,
  ],
})
export class WebModule {}
