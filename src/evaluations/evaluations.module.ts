import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { EvaluationDelivery, MailedEvaluationDelivery } from './evaluation-delivery';
import { EvaluationSweeper } from './evaluation-sweeper';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { QuestionnairesService } from './questionnaires.service';
import { ResponseRelease } from './response-release';
import { ResultsService } from './results.service';
import { SurveyService } from './survey.service';

/** Imported by RegistrationsModule (attendance asks for evaluations), so it imports nothing of that module. */
@Module({
  imports: [MessagingModule],
  controllers: [EvaluationsController],
  providers: [
    { provide: EvaluationDelivery, useClass: MailedEvaluationDelivery },
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
    ResponseRelease,
    ResultsService,
    SurveyService,
  ],
})
export class EvaluationsModule {}
