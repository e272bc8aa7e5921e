/** A share as a Danish percentage with one decimal, "42,3 %"; a dash when there is no share. */
export function danishPercent(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
}

/** A count with Danish thousands separators, "2.500". */
export function danishCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
