import { retentionDue, termEnd } from './retention';

describe(termEnd.name, () => {
  it.each([
    ['2026-01-01', '2029-12-31'],
    ['2022-01-01', '2025-12-31'],
    ['2024-02-29', '2028-02-28'],
  ])('a term starting %s ends %s', (start, end) => {
    expect(termEnd(start)).toBe(end);
  });
});

describe(retentionDue.name, () => {
  it('is due only once the term ended more than the given years ago', () => {
    // KV21's term ends 2025-12-31.
    expect(retentionDue('2022-01-01', 2, '2027-12-31')).toBe(false);
    expect(retentionDue('2022-01-01', 2, '2028-01-01')).toBe(true);
    expect(retentionDue('2022-01-01', 0, '2025-12-31')).toBe(false);
    expect(retentionDue('2022-01-01', 0, '2026-01-01')).toBe(true);
  });
});
