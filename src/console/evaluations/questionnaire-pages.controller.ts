import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { CyclesService } from '../../cycles/cycles.service';
import { Question } from '../../evaluations/questionnaire';
import { QuestionnairesService } from '../../evaluations/questionnaires.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { fieldsOf, problemsOf } from '../shell/form-view';
import { MoveForm, QUESTION_FIELDS, QuestionForm } from './question.form';
import { inputOf, moved, newQuestionId, questionFrom, QUESTION_TYPES } from './questionnaire-edit';

type History = Awaited<ReturnType<QuestionnairesService['history']>>;

const answersText = (n: number) => (n === 1 ? '1 svar' : `${n} svar`);

/**
 * The questionnaire of a cycle: its questions in order, with add, change, move and remove. A
 * version that has answers is never changed: QuestionnairesService saves a change to it as a new
 * version, and the page says so before and after.
 */
@StaffPages('valgperioder/:cycle/evaluering/spoergeskema', 'admin', 'planner')
export class QuestionnairePagesController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly cycles: CyclesService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async show(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Query('gemt') saved: unknown,
    @Req() req: PageRequest,
  ) {
    const history = await this.questionnaires.history(cycleId);
    const [current, previous] = history;
    const base = `/valgperioder/${cycleId}/evaluering/spoergeskema`;
    return consolePage('console-questionnaire', await this.shell(req, cycleId, 'Spørgeskema', []), {
      notice: savedNotice(saved, history),
      version: current.version,
      frozen: current.hasAnswers,
      frozenText: current.hasAnswers
        ? `Version ${current.version} har ${answersText(current.answers)}. Ændrer du noget, gemmes det som version ${current.version + 1}, og version ${current.version} beholder sine spørgsmål og svar uændret.`
        : `Ingen har svaret på version ${current.version} endnu, så ændringer gemmes i den.`,
      previous: previous ? `Version ${previous.version}: ${answersText(previous.answers)}` : null,
      history: history.map((v) => ({
        version: v.version,
        answers: answersText(v.answers),
        questions: v.questions.length,
      })),
      questions: current.questions.map((q, i, all) => ({
        id: q.id,
        number: i + 1,
        text: q.text,
        type: QUESTION_TYPES[q.type],
        required: q.required,
        editHref: `${base}/spoergsmaal/${q.id}`,
        moveAction: `${base}/spoergsmaal/${q.id}/flyt`,
        removeAction: `${base}/spoergsmaal/${q.id}/fjern`,
        first: i === 0,
        last: i === all.length - 1,
        only: all.length === 1,
      })),
      newHref: `${base}/nyt`,
      resultsHref: `/valgperioder/${cycleId}/evaluering`,
    });
  }

  @Get('nyt')
  newForm(@Req() req: PageRequest) {
    return this.questionForm(null, req);
  }

  @Post('nyt')
  @OnRefusal('questionForm')
  async add(@Param('cycle', ParseIntPipe) cycleId: number, @Body() form: QuestionForm) {
    const history = await this.questionnaires.history(cycleId);
    const taken = new Set(history.flatMap((v) => v.questions.map((q) => q.id)));
    const question = checked(newQuestionId(form.tekst, taken), form);
    return this.save(cycleId, history, [...history[0].questions, question]);
  }

  @Get('spoergsmaal/:question')
  editForm(@Req() req: PageRequest) {
    return this.questionForm(null, req);
  }

  @Post('spoergsmaal/:question')
  @OnRefusal('questionForm')
  async change(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('question') id: string,
    @Body() form: QuestionForm,
  ) {
    const history = await this.questionnaires.history(cycleId);
    const questions = history[0].questions;
    stored(questions, id);
    const question = checked(id, form);
    return this.save(
      cycleId,
      history,
      questions.map((q) => (q.id === id ? question : q)),
    );
  }

  @Post('spoergsmaal/:question/flyt')
  async move(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('question') id: string,
    @Body() form: MoveForm,
  ) {
    const history = await this.questionnaires.history(cycleId);
    stored(history[0].questions, id);
    return this.save(cycleId, history, moved(history[0].questions, id, form.retning === 'op' ? -1 : 1));
  }

  @Post('spoergsmaal/:question/fjern')
  async remove(
    @Param('cycle', ParseIntPipe) cycleId: number,
    @Param('question') id: string,
    @Body() _form: CsrfForm,
  ) {
    const history = await this.questionnaires.history(cycleId);
    const questions = history[0].questions;
    stored(questions, id);
    if (questions.length === 1)
      throw new DomainError(
        'validation_failed',
        'questionnaire.last_question',
        'The last question cannot go',
      );
    return this.save(
      cycleId,
      history,
      questions.filter((q) => q.id !== id),
    );
  }

  /** The form for a new question (no `:question` in the path) or a stored one, again after a refusal. */
  async questionForm(refusal: Refusal | null, req: PageRequest) {
    const cycleId = Number(req.params.cycle);
    const id = (req.params as Record<string, string | undefined>).question;
    const history = await this.questionnaires.history(cycleId);
    const question = id === undefined ? null : stored(history[0].questions, id);
    const base = `/valgperioder/${cycleId}/evaluering/spoergeskema`;
    const fields = fieldsOf(
      QUESTION_FIELDS,
      refusal,
      question
        ? inputOf(question)
        : { type: 'scale', paakraevet: 'ja', lavest: 'Meget utilfreds', hoejest: 'Meget tilfreds' },
    );
    const title = question ? `Ret spørgsmål ${history[0].questions.indexOf(question) + 1}` : 'Nyt spørgsmål';
    return consolePage('console-question-form', await this.shell(req, cycleId, title, [{ label: title }]), {
      action: question ? `${base}/spoergsmaal/${question.id}` : `${base}/nyt`,
      back: base,
      problems: problemsOf(refusal),
      fields,
      required: fields.paakraevet.value === 'ja',
      types: Object.entries(QUESTION_TYPES).map(([value, label]) => ({
        value,
        label,
        selected: value === fields.type.value,
      })),
      frozen: history[0].hasAnswers
        ? `Version ${history[0].version} har svar. Gemmer du, bliver spørgeskemaet til version ${history[0].version + 1}.`
        : null,
    });
  }

  private async save(cycleId: number, history: History, questions: Question[]) {
    const saved = await this.questionnaires.put(cycleId, { questions });
    const outcome = saved.version > history[0].version ? 'ny' : 'samme';
    return redirect(`/valgperioder/${cycleId}/evaluering/spoergeskema?gemt=${outcome}`);
  }

  private async shell(req: PageRequest, cycleId: number, title: string, tail: Crumb[]) {
    const cycle = await this.cycles.get(cycleId);
    const evaluation = `/valgperioder/${cycleId}/evaluering`;
    return {
      title: tail.length ? title : `Spørgeskema for ${cycle.code}`,
      breadcrumbs: [
        { label: 'Valgperioder', href: '/valgperioder' },
        { label: cycle.code, href: `/valgperioder/${cycle.id}` },
        { label: 'Evaluering', href: evaluation },
        tail.length ? { label: 'Spørgeskema', href: `${evaluation}/spoergeskema` } : { label: 'Spørgeskema' },
        ...tail,
      ],
      cycleBar: await this.cycleBar.bar(req.staff!, req.path, cycle),
    };
  }
}

function stored(questions: Question[], id: string): Question {
  const question = questions.find((q) => q.id === id);
  if (!question)
    throw new DomainError(
      'not_found',
      'questionnaire.question_not_found',
      `No question ${id} in the questionnaire`,
    );
  return question;
}

/** The form's question, or a refusal naming the field its type still needs. */
function checked(id: string, form: QuestionForm): Question {
  const result = questionFrom(id, {
    text: form.tekst,
    type: form.type,
    required: form.paakraevet === 'ja',
    lowest: form.lavest,
    highest: form.hoejest,
    options: form.valgmuligheder,
  });
  if ('code' in result)
    throw new DomainError(
      'validation_failed',
      result.code === 'labels' ? 'questionnaire.labels_missing' : 'questionnaire.options_invalid',
      'The question is not complete',
      [{ field: result.field, reason: result.code }],
    );
  return result;
}

function savedNotice(saved: unknown, history: History): string | null {
  const [current, previous] = history;
  if (saved === 'samme') return `Ændringen er gemt i version ${current.version}.`;
  if (saved === 'ny' && previous)
    return `Ændringen er gemt som version ${current.version}. Version ${previous.version} havde svar og er ikke ændret; dens svar tæller med i resultaterne for de spørgsmål, der stadig stilles på samme måde.`;
  return null;
}
