import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { resolveAuthSecret } from '../auth/auth-secret';
import { formatDanishDateTime } from '../common/danish-time';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { hashPersonalToken } from '../invitations/personal-token';
import { Seminar } from '../planning/seminar.entity';
import { issueCsrf, verifyCsrf } from '../portal/csrf';
import { LinkPages } from '../portal/link-pages';
import { AnswerProblem, Question } from './questionnaire';
import { surveyForm } from './survey-form';
import { SurveyService } from './survey.service';

type Form = Record<string, unknown>;

/**
 * The evaluation survey behind a member's survey link. Like the personal pages: a wrong or closed
 * link gets the portal's neutral 404 page and counts towards the same limit per address.
 */
@ApiExcludeController()
@Public()
@Controller('evaluering/:token')
export class SurveyController {
  private readonly secret: string;

  constructor(
    private readonly survey: SurveyService,
    private readonly pages: LinkPages,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = resolveAuthSecret(config);
  }

  @Get()
  async show(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    if (this.pages.refusedForTooMany(req, res)) return;
    const link = await this.survey.open(token);
    if (link.state === 'unknown') return this.pages.unknownLink(req, res);
    if (link.state === 'answered') return this.answered(res);
    this.form(res, 200, token, link.seminar, link.questions);
  }

  @Post()
  async submit(@Param('token') token: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    if (this.pages.refusedForTooMany(req, res)) return;
    const { nonce, mac, ...answers } = form;
    const link = await this.survey.open(token);
    if (link.state === 'unknown') return this.pages.unknownLink(req, res);
    if (link.state === 'answered') return this.answered(res);
    if (!verifyCsrf(this.secret, hashPersonalToken(token), { nonce: nonce as string, mac: mac as string })) {
      return this.pages.send(res, 403, 'portal-expired-form', {
        title: 'Formularen er udløbet',
        backUrl: `/evaluering/${token}`,
      });
    }
    const result = await this.survey.submit(token, answers);
    switch (result.outcome) {
      case 'stored':
        return res.redirect(303, `/evaluering/${token}/tak`);
      case 'unknown':
        return this.pages.unknownLink(req, res);
      case 'answered':
        return this.answered(res);
      case 'invalid':
        return this.form(res, 400, token, result.seminar, result.questions, answers, result.problems);
    }
  }

  @Get('tak')
  async thanks(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    if (this.pages.refusedForTooMany(req, res)) return;
    const link = await this.survey.open(token);
    if (link.state === 'unknown') return this.pages.unknownLink(req, res);
    if (link.state === 'open') return res.redirect(303, `/evaluering/${token}`);
    this.pages.send(res, 200, 'survey-thanks', { title: 'Tak for dine svar' });
  }

  private answered(res: Response) {
    this.pages.send(res, 410, 'survey-answered', { title: 'Du har allerede svaret' });
  }

  private form(
    res: Response,
    status: number,
    token: string,
    seminar: Seminar,
    questions: Question[],
    raw: Form = {},
    problems: AnswerProblem[] = [],
  ) {
    const model = surveyForm(questions, raw, problems);
    this.pages.send(res, status, 'survey-form', {
      title: problems.length > 0 ? 'Fejl i evalueringen' : 'Evaluering',
      token,
      csrf: issueCsrf(this.secret, hashPersonalToken(token)),
      seminarTitle: seminar.title,
      seminarWhen: `${formatDanishDateTime(seminar.startsAt)} til ${formatDanishDateTime(seminar.endsAt)}`,
      hasErrors: problems.length > 0,
      errors: model.errors,
      questions: model.questions,
    });
  }
}
