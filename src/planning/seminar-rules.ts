import { FieldProblem } from '../common/domain-error';
import { SeminarStatus } from './seminar.entity';

const NEXT_STATUSES: Record<SeminarStatus, SeminarStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled', 'completed'],
  cancelled: [],
  completed: [],
};

export function mayChangeStatus(from: SeminarStatus, to: SeminarStatus): boolean {
  return from === to || NEXT_STATUSES[from].includes(to);
}

export interface SeminarTimes {
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
  agenda: Array<{ startsAt: Date }>;
}

/** The problems with a seminar's times, each naming its field; empty when all is well. */
export function seminarTimeProblems(s: SeminarTimes): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.endsAt <= s.startsAt) problems.push({ field: 'endsAt', reason: 'must be after startsAt' });
  if (s.registrationDeadline > s.startsAt) {
    problems.push({ field: 'registrationDeadline', reason: 'must not be after startsAt' });
  }
  s.agenda.forEach((item, i) => {
    if (item.startsAt < s.startsAt || item.startsAt > s.endsAt) {
      problems.push({ field: `agenda.${i}.startsAt`, reason: 'must lie within the seminar' });
    }
  });
  return problems;
}
