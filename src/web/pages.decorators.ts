import {
  applyDecorators,
  CanActivate,
  Controller,
  Type,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public, Roles, SessionPages } from '../auth/access.decorators';
import { StaffRole } from '../auth/roles';
import { HtmlExceptionFilter } from './html-exception.filter';
import { PageInterceptor } from './page.interceptor';
import { StaffSessionGuard } from './staff-session';

const pages = (path: string) =>
  applyDecorators(
    Controller(path),
    ApiExcludeController(),
    UseFilters(HtmlExceptionFilter),
    UseInterceptors(PageInterceptor),
  );

/**
 * A controller of HTML pages that anyone may open (the staff sign-in): handlers return page(),
 * redirect() or download(); failures render as Danish pages (HtmlExceptionFilter).
 */
export const Pages = (path: string) => applyDecorators(pages(path), Public());

/**
 * Pages behind a token in the path: PersonalLinkGuard (`/p/:token`, `@CurrentMember()`) or
 * SurveyLinkGuard (`/evaluering/:token`, `@CurrentSurvey()`). The token is the only credential.
 */
export const MemberPages = (path: string, guard: Type<CanActivate>) =>
  applyDecorators(pages(path), Public(), UseGuards(guard));

/**
 * Pages for signed-in staff with one of the roles (a handler's own @Roles() narrows them): the
 * session cookie, not a bearer token, says who calls (`@CurrentStaff()`); see StaffSessionGuard.
 */
export const StaffPages = (path: string, ...roles: StaffRole[]) =>
  applyDecorators(pages(path), SessionPages(), Roles(...roles), UseGuards(StaffSessionGuard));
