/**
 * Members of one class are interchangeable, so the solver only says how many of them go where;
 * who gets which seat is decided here. By id, the lowest ids would always get the first
 * (shortest) seats; ordering by a hash of the id spreads the long trips over the class the
 * same way on every run, without favouring anyone by when they were registered.
 */
export function fairOrder(ids: readonly number[]): number[] {
  return [...ids].sort((a, b) => mix(a) - mix(b) || a - b);
}

/** A 32-bit integer hash (murmur3's finaliser): stable, and neighbouring ids land far apart. */
function mix(id: number): number {
  let h = id | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
