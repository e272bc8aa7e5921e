import { Foundation1764000000000 } from '../../migrations/1764000000000-foundation';
import { CyclesAndMembers1764050000000 } from '../../migrations/1764050000000-cycles-and-members';
import { MemberRegister1764100000000 } from '../../migrations/1764100000000-member-register';
import { PlanningAndSeats1764200000000 } from '../../migrations/1764200000000-planning-and-seats';
import { Outbox1764300000000 } from '../../migrations/1764300000000-outbox';
import { PersonalLinks1764310000001 } from '../../migrations/1764310000001-personal-links';
import { Materials1764320000001 } from '../../migrations/1764320000001-materials';
import { AllocationProposals1764400000001 } from '../../migrations/1764400000001-allocation-proposals';
import { Evaluations1764700000000 } from '../../migrations/1764700000000-evaluations';
import { StatisticsIndexes1764800000000 } from '../../migrations/1764800000000-statistics-indexes';
import { AnonymousRelease1764910000000 } from '../../migrations/1764910000000-anonymous-release';
import { RequestsRewritten1764910000001 } from '../../migrations/1764910000001-requests-rewritten';
import { StaffSessions1765100000000 } from '../../migrations/1765100000000-staff-sessions';
import { MemberJourney1765400000000 } from '../../migrations/1765400000000-member-journey';
import { FailureCounts1765500000000 } from '../../migrations/1765500000000-failure-counts';
import { InvitationJobs1765500000001 } from '../../migrations/1765500000001-invitation-jobs';
import { AllocationMixing1765600000000 } from '../../migrations/1765600000000-allocation-mixing';
import { ConsoleCycleChoice1765200000000 } from '../../migrations/1765200000000-console-cycle-choice';
import { InvitationOpened1765200000001 } from '../../migrations/1765200000001-invitation-opened';
import { ImportJobs1765300000000 } from '../../migrations/1765300000000-import-jobs';
import { SurveyPageLink1766100000000 } from '../../migrations/1766100000000-survey-page-link';
import { Bounces1766600000000 } from '../../migrations/1766600000000-bounces';
import { SmtpAnswers1766700000000 } from '../../migrations/1766700000000-smtp-answers';
import { OutboxDrafts1766700000001 } from '../../migrations/1766700000001-outbox-drafts';
import { MemberRegisterOrder1766800000000 } from '../../migrations/1766800000000-member-register-order';
import { StoredParticipationStatus1766900000000 } from '../../migrations/1766900000000-stored-participation-status';

/** Every migration in order; imported as classes so the same list serves ts-jest and the build. */
export const MIGRATIONS = [
  Foundation1764000000000,
  CyclesAndMembers1764050000000,
  MemberRegister1764100000000,
  PlanningAndSeats1764200000000,
  Outbox1764300000000,
  PersonalLinks1764310000001,
  Materials1764320000001,
  AllocationProposals1764400000001,
  Evaluations1764700000000,
  StatisticsIndexes1764800000000,
  AnonymousRelease1764910000000,
  RequestsRewritten1764910000001,
  StaffSessions1765100000000,
  MemberJourney1765400000000,
  FailureCounts1765500000000,
  InvitationJobs1765500000001,
  AllocationMixing1765600000000,
  ConsoleCycleChoice1765200000000,
  InvitationOpened1765200000001,
  ImportJobs1765300000000,
  SurveyPageLink1766100000000,
  Bounces1766600000000,
  SmtpAnswers1766700000000,
  OutboxDrafts1766700000001,
  MemberRegisterOrder1766800000000,
  StoredParticipationStatus1766900000000,
];
