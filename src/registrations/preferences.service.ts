import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MemberPreference } from './member-preference.entity';

/** A member's wishes for the cycle: seminars ranked (first = most wanted) and seminars they cannot attend. */
export interface Wishes {
  ranked: number[];
  excluded: number[];
}

/** Keeps the members' wishes (member_preferences). */
@Injectable()
export class PreferencesService {
  /** Replaces the member's wishes with these, in the caller's transaction (which has checked them). */
  async replace(
    manager: EntityManager,
    member: { id: number; cycleId: number },
    wishes: Wishes,
  ): Promise<void> {
    await manager.delete(MemberPreference, { memberId: member.id });
    const rows = [
      ...wishes.ranked.map((seminarId, i) => ({ seminarId, rank: i + 1, excluded: false })),
      ...wishes.excluded.map((seminarId) => ({ seminarId, rank: null, excluded: true })),
    ];
    if (rows.length > 0) {
      await manager.insert(
        MemberPreference,
        rows.map((r) => ({ ...r, cycleId: member.cycleId, memberId: member.id })),
      );
    }
  }
}
