import { AllocationProposal } from '../allocation/allocation-proposal.entity';
import { StaffUser } from '../auth/staff-user.entity';
import { Cycle } from '../cycles/cycle.entity';
import { AuditEntry } from '../cycles/gdpr/audit-entry.entity';
import { Member } from '../cycles/member.entity';
import { EvaluationQuestionnaire } from '../evaluations/evaluation-questionnaire.entity';
import { EvaluationRequest } from '../evaluations/evaluation-request.entity';
import { EvaluationResponse, EvaluationSubmission } from '../evaluations/evaluation-response.entity';
import { Invitation } from '../invitations/invitation.entity';
import { Material } from '../materials/material.entity';
import { AgendaItem } from '../planning/agenda-item.entity';
import { Seminar } from '../planning/seminar.entity';
import { Venue } from '../planning/venue.entity';
import { Wave } from '../planning/wave.entity';
import { OutboxMessage } from '../messaging/outbox-message.entity';
import { Municipality } from '../reference/municipality.entity';
import { Party } from '../reference/party.entity';
import { Region } from '../reference/region.entity';
import { MemberPreference } from '../registrations/member-preference.entity';
import { Registration } from '../registrations/registration.entity';
import { RegistrationEvent } from '../registrations/registration-event.entity';

export const ENTITIES = [
  Region,
  Municipality,
  Party,
  StaffUser,
  Cycle,
  Member,
  AuditEntry,
  Venue,
  Wave,
  Seminar,
  AgendaItem,
  Registration,
  RegistrationEvent,
  MemberPreference,
  Invitation,
  OutboxMessage,
  AllocationProposal,
  EvaluationQuestionnaire,
  EvaluationRequest,
  EvaluationResponse,
  EvaluationSubmission,
  Material,
];
