import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { Member } from '../cycles/member.entity';
import { SurveyLink } from '../evaluations/survey.service';

/** A survey link that works: open for answers, or answered already. */
export type WorkingSurveyLink = Exclude<SurveyLink, { state: 'unknown' }>;

/** A request to a page, with what the page's guard found out about who asks. */
export interface PageRequest extends Request {
  /** The member a personal link belongs to (PersonalLinkGuard). */
  member?: Member;
  /** The survey behind a survey link (SurveyLinkGuard). */
  survey?: WorkingSurveyLink;
  /** The signed-in staff member (StaffSessionGuard). */
  staff?: AuthenticatedStaff;
  /**
   * What the page's forms are bound to (their CSRF fields are issued and checked for it), and the
   * page a refused form leads back to.
   */
  page?: { csrfBinding: string; home: string };
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<PageRequest>();

/** The member whose personal link the page was opened with. */
export const CurrentMember = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Member => requestOf(context).member!,
);

/** The survey link the page was opened with (open, or answered already). */
export const CurrentSurvey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WorkingSurveyLink => requestOf(context).survey!,
);

export const isUnsafeMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
