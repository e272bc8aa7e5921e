import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule } from '../messaging/messaging.module';
import { EvaluationDelivery, MailedEvaluationDelivery } from './evaluation-delivery';
import { EvaluationQuestionnaire } from './evaluation-questionnaire.entity';
import { EvaluationRequest } from './evaluation-request.entity';
import { EvaluationResends } from './evaluation-resends';
import { EvaluationResponse, EvaluationSubmission } from './evaluation-response.entity';
import { EvaluationSweeper } from './evaluation-sweeper';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { QuestionnairesService } from './questionnaires.service';
import { ResponseRelease } from './response-release';
import { ResultsService } from './results.service';
import { SurveyService } from './survey.service';

/**
 * Asks those who attended (`attendance.recorded`), reminds them, sends a survey e-mail again when
 * asked (`message.resend_requested`), and keeps the anonymous answers.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      EvaluationQuestionnaire,
      EvaluationRequest,
      EvaluationResponse,
      EvaluationSubmission,
    ]),
    MessagingModule,
  ],
  controllers: [EvaluationsController],
  providers: [
    { provide: EvaluationDelivery, useClass: MailedEvaluationDelivery },
    EvaluationResends,
    EvaluationsService,
    EvaluationSweeper,
    QuestionnairesService,
    ResponseRelease,
    ResultsService,
    SurveyService,
  ],
  exports: [
    EvaluationDelivery,
    EvaluationsService,
    EvaluationSweeper,
    QuestionnairesService,
    ResponseRelease,
    ResultsService,
    SurveyService,
  ],
})
export class EvaluationsModule {}
