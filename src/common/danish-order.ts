/**
 * Danish alphabetical order: … Z, Æ, Ø, Å, with Aa as Å (Aage after Zenia). One shared collator,
 * as `a.localeCompare(b, 'da')` builds a new one on every comparison.
 */
const danish = new Intl.Collator('da');

/** Compares two texts in Danish order; the same as `a.localeCompare(b, 'da')`. */
export const danishCompare: (a: string, b: string) => number = danish.compare;
