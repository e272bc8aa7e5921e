/** Calendar arithmetic on YYYY-MM-DD dates; no time zone is involved. */
function addYears(date: string, years: number, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  const result = new Date(Date.UTC(y + years, m - 1, d + days));
  // 29 February plus whole years lands on 1 March in a common year; keep it in February.
  if (days === 0 && result.getUTCMonth() !== m - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

/** The last day of a term: four years after it starts, less one day (2026-01-01 → 2029-12-31). */
export function termEnd(termStart: string): string {
  return addYears(addYears(termStart, 4), 0, -1);
}

/** Whether a cycle's term ended more than `years` years before `today`. */
export function retentionDue(termStart: string, years: number, today: string): boolean {
  return termEnd(termStart) < addYears(today, -years);
}
