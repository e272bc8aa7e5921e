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

function named(ids: number[]): string {
  const shown = ids.slice(0, MAX_NAMED).join(', ');
  return ids.length > MAX_NAMED ? `${shown} and ${ids.length - MAX_NAMED} more` : shown;
}

/** What differs between the input a proposal was made from and the input now, in words; empty if nothing. */
export function describeChanges(then: InputFingerprint, now: InputFingerprint): string[] {
  if (then.hash === now.hash) return [];
  const changes: string[] = [];
  const nowById = new Map(now.seminars.map((s) => [s.id, s]));
  const thenIds = new Set(then.seminars.map((s) => s.id));
  for (const before of then.seminars) {
    const after = nowById.get(before.id);
    if (!after) {
      changes.push(`seminar ${before.id} is no longer open for allocation`);
      continue;
    }
    if (after.capacity !== before.capacity) {
      changes.push(`seminar ${before.id} capacity ${before.capacity} → ${after.capacity}`);
    }
    if (after.taken !== before.taken) {
      changes.push(`seminar ${before.id} seats taken ${before.taken} → ${after.taken}`);
    }
  }
  const added = now.seminars.filter((s) => !thenIds.has(s.id)).map((s) => s.id);
  if (added.length > 0) changes.push(`seminars opened since: ${named(added)}`);
  const stillUnseated = new Set(now.unseatedMemberIds);
  const wasUnseated = new Set(then.unseatedMemberIds);
  const seated = then.unseatedMemberIds.filter((id) => !stillUnseated.has(id));
  const unseated = now.unseatedMemberIds.filter((id) => !wasUnseated.has(id));
  if (seated.length > 0) changes.push(`members who got a seat meanwhile: ${named(seated)}`);
  if (unseated.length > 0) changes.push(`members now without a seat: ${named(unseated)}`);
  if (changes.length === 0 && now.seatVersion !== then.seatVersion) {
    changes.push('seats in the cycle changed since the proposal was made');
  }
  return changes;
}
