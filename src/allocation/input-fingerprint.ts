import { createHash } from 'node:crypto';

export interface SeminarSnapshot {
  id: number;
  capacity: number;
  taken: number;
}

/**
 * What a proposal was computed from: the seats of the seminars offered, the members who had no
 * seat, and the last seat event of the cycle (any booking, cancellation or move raises it).
 */
export interface InputFingerprint {
  seminars: SeminarSnapshot[];
  unseatedMemberIds: number[];
  seatVersion: number;
  hash: string;
}

export function fingerprintOf(
  seminars: readonly SeminarSnapshot[],
  unseatedMemberIds: readonly number[],
  seatVersion: number,
): InputFingerprint {
  const sorted = {
    seminars: [...seminars]
      .sort((a, b) => a.id - b.id)
      .map(({ id, capacity, taken }) => ({ id, capacity, taken })),
    unseatedMemberIds: [...unseatedMemberIds].sort((a, b) => a - b),
    seatVersion,
  };
  const hash = createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
  return { ...sorted, hash };
}

const MAX_NAMED = 5;

/** One difference between the input a proposal was made from and the input now. */
type Change =
  | { kind: 'closed'; seminarId: number }
  | { kind: 'capacity' | 'taken'; seminarId: number; before: number; after: number }
  | { kind: 'opened' | 'seated' | 'unseated'; ids: number[] }
  | { kind: 'seats' };

function changesBetween(then: InputFingerprint, now: InputFingerprint): Change[] {
  if (then.hash === now.hash) return [];
  const changes: Change[] = [];
  const nowById = new Map(now.seminars.map((s) => [s.id, s]));
  const thenIds = new Set(then.seminars.map((s) => s.id));
  for (const before of then.seminars) {
    const after = nowById.get(before.id);
    if (!after) changes.push({ kind: 'closed', seminarId: before.id });
    else
      for (const kind of ['capacity', 'taken'] as const)
        if (after[kind] !== before[kind])
          changes.push({ kind, seminarId: before.id, before: before[kind], after: after[kind] });
  }
  const stillUnseated = new Set(now.unseatedMemberIds);
  const wasUnseated = new Set(then.unseatedMemberIds);
  const lists = {
    opened: now.seminars.filter((s) => !thenIds.has(s.id)).map((s) => s.id),
    seated: then.unseatedMemberIds.filter((id) => !stillUnseated.has(id)),
    unseated: now.unseatedMemberIds.filter((id) => !wasUnseated.has(id)),
  };
  for (const kind of ['opened', 'seated', 'unseated'] as const)
    if (lists[kind].length > 0) changes.push({ kind, ids: lists[kind] });
  if (changes.length === 0 && now.seatVersion !== then.seatVersion) changes.push({ kind: 'seats' });
  return changes;
}

function named(ids: number[]): string {
  const shown = ids.slice(0, MAX_NAMED).join(', ');
  return ids.length > MAX_NAMED ? `${shown} and ${ids.length - MAX_NAMED} more` : shown;
}

/** What differs between the input a proposal was made from and the input now, in words; empty if nothing. */
export function describeChanges(then: InputFingerprint, now: InputFingerprint): string[] {
  return changesBetween(then, now).map((c) => {
    switch (c.kind) {
      case 'closed':
        return `seminar ${c.seminarId} is no longer open for allocation`;
      case 'capacity':
        return `seminar ${c.seminarId} capacity ${c.before} → ${c.after}`;
      case 'taken':
        return `seminar ${c.seminarId} seats taken ${c.before} → ${c.after}`;
      case 'opened':
        return `seminars opened since: ${named(c.ids)}`;
      case 'seated':
        return `members who got a seat meanwhile: ${named(c.ids)}`;
      case 'unseated':
        return `members now without a seat: ${named(c.ids)}`;
      case 'seats':
        return 'seats in the cycle changed since the proposal was made';
    }
  });
}

const members = (n: number) => (n === 1 ? '1 medlem' : `${n} medlemmer`);

/** The same in Danish for the console, seminars by title. */
export function danishChanges(
  then: InputFingerprint,
  now: InputFingerprint,
  title: (seminarId: number) => string,
): string[] {
  return changesBetween(then, now).map((c) => {
    switch (c.kind) {
      case 'closed':
        return `»${title(c.seminarId)}« kan ikke længere fordeles på`;
      case 'capacity':
        return `»${title(c.seminarId)}« har nu ${c.after} pladser (før ${c.before})`;
      case 'taken':
        return `»${title(c.seminarId)}« har nu ${c.after} tilmeldte (før ${c.before})`;
      case 'opened':
        return c.ids.length === 1 ? 'et nyt seminar er åbnet' : `${c.ids.length} nye seminarer er åbnet`;
      case 'seated':
        return `${members(c.ids.length)} har fået en plads siden`;
      case 'unseated':
        return `${members(c.ids.length)} har mistet deres plads siden`;
      case 'seats':
        return 'pladserne i valgperioden er ændret siden';
    }
  });
}
