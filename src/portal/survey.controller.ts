import { Body, Get, Ip, Param, Post } from '@nestjs/common';
import { formatDanishDateTime } from '../common/danish-time';
import { AnswerProblem, Question } from '../evaluations/questionnaire';
import { surveyForm } from '../evaluations/survey-form';
import { SurveyService } from '../evaluations/survey.service';
import { Seminar } from '../planning/seminar.entity';
import { LinkLimiter } from '../web/link-limiter';
import { SurveyLinkGuard } from '../web/link.guards';
import { CurrentSurvey, WorkingSurveyLink } from '../web/page-request';
import { page, redirect } from '../web/page-result';
import { MemberPages } from '../web/pages.decorators';

type Answers = Record<string, unknown>;

/**
 * The evaluation survey behind a member's survey link. Like the personal pages: a wrong or closed
 * link gets the neutral 404 page and counts towards the same limit per address (SurveyLinkGuard).
 * The answers are checked against the cycle's questionnaire, not a DTO: its questions are data.
 */
@MemberPages('evaluering/:token', SurveyLinkGuard)
export class SurveyController {
  constructor(
    private readonly survey: SurveyService,
    private readonly links: LinkLimiter,
  ) {}

  @Get()
  show(@CurrentSurvey() link: WorkingSurveyLink, @Param('token') token: string) {
    if (link.state === 'answered') return answered();
    return form(200, token, link.seminar, link.questions);
  }

  @Post()
  async submit(
    @CurrentSurvey() link: WorkingSurveyLink,
    @Param('token') token: string,
    @Body() posted: Answers,
    @Ip() address: string | undefined,
  ) {
    if (link.state === 'answered') return answered();
    const { nonce: _nonce, mac: _mac, ...answers } = posted;
    const result = await this.survey.submit(token, answers);
    switch (result.outcome) {
      case 'stored':
        return redirect(`/evaluering/${token}/tak`);
      case 'unknown':
        throw await this.links.refuse(address ?? 'unknown');
      case 'answered':
        return answered();
      case 'invalid':
        return form(400, token, result.seminar, result.questions, answers, result.problems);
    }
  }

  @Get('tak')
  thanks(@CurrentSurvey() link: WorkingSurveyLink, @Param('token') token: string) {
    if (link.state === 'open') return redirect(`/evaluering/${token}`);
    return page('survey-thanks', { title: 'Tak for dine svar' });
  }
}

const answered = () => page('survey-answered', { title: 'Du har allerede svaret' }, { status: 410 });

function form(
  status: number,
  token: string,
  seminar: Seminar,
  questions: Question[],
  raw: Answers = {},
  problems: AnswerProblem[] = [],
) {
  const model = surveyForm(questions, raw, problems);
  return page(
    'survey-form',
    {
      title: problems.length > 0 ? 'Fejl i evalueringen' : 'Evaluering',
      token,
      seminarTitle: seminar.title,
      seminarWhen: `${formatDanishDateTime(seminar.startsAt)} til ${formatDanishDateTime(seminar.endsAt)}`,
      hasErrors: problems.length > 0,
      errors: model.errors,
      questions: model.questions,
    },
    { status },
  );
}
