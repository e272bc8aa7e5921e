/** Members whose personal data was erased: these, or every member of a cycle. */
export type MembersErased = { memberIds: number[] } | { cycleId: number };

declare module '../database/domain-events' {
  interface DomainEventMap {
    /** Published in the transaction that erases; whoever keeps personal data of a member drops it. */
    'member.erased': MembersErased;
  }
}
