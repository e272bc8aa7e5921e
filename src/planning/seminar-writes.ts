import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AgendaItem } from './agenda-item.entity';
import { seminarTimeProblems } from './seminar-rules';
import { Seminar } from './seminar.entity';

export type AgendaLine = Pick<AgendaItem, 'startsAt' | 'title' | 'speaker'>;

/** A new seminar's own fields; the seat counters start at nought. */
export type NewSeminar = Pick<
  Seminar,
  | 'cycleId'
  | 'waveId'
  | 'venueId'
  | 'title'
  | 'startsAt'
  | 'endsAt'
  | 'capacity'
  | 'registrationDeadline'
  | 'status'
>;

/** Writes a seminar and its agenda after checking their times; call inside a transaction. */
export async function insertSeminar(
  m: EntityManager,
  fields: NewSeminar,
  agenda: AgendaLine[],
): Promise<Seminar> {
  const seminar = m.create(Seminar, fields);
  checkTimes(seminar, agenda);
  const saved = await m.save(seminar);
  await replaceAgenda(m, saved.id, agenda);
  return saved;
}

export async function replaceAgenda(
  m: EntityManager,
  seminarId: number,
  agenda: AgendaLine[],
): Promise<void> {
  await m.delete(AgendaItem, { seminarId });
  if (agenda.length > 0) {
    await m.insert(
      AgendaItem,
      agenda.map((item) => ({
        seminarId,
        startsAt: item.startsAt,
        title: item.title,
        speaker: item.speaker,
      })),
    );
  }
}

/** Writes the agenda's changes point by point, so that the points kept keep their ids. */
export async function syncAgenda(
  m: EntityManager,
  seminarId: number,
  before: AgendaItem[],
  after: Array<AgendaLine & { id?: number }>,
): Promise<void> {
  const kept = new Set(after.flatMap((line) => (line.id === undefined ? [] : [line.id])));
  const gone = before.filter((item) => !kept.has(item.id)).map((item) => item.id);
  if (gone.length > 0) await m.delete(AgendaItem, gone);
  for (const line of after) {
    const fields = { startsAt: line.startsAt, title: line.title, speaker: line.speaker };
    if (line.id === undefined) await m.insert(AgendaItem, { seminarId, ...fields });
    else await m.update(AgendaItem, { id: line.id, seminarId }, fields);
  }
}

export function checkTimes(seminar: Seminar | NewSeminar, agenda: Array<{ startsAt: Date }>): void {
  const problems = seminarTimeProblems({ ...seminar, agenda });
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      'seminar.times_invalid',
      problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      problems,
    );
  }
}

/** The fields a copy keeps from its source: a draft in the same wave, with no seats taken. */
export function copyOf(source: Seminar) {
  return {
    cycleId: source.cycleId,
    waveId: source.waveId,
    venueId: source.venueId,
    title: source.title,
    capacity: source.capacity,
    status: 'draft' as const,
  };
}
