import { RegisterQuery } from '../../invitations/member-register.service';
import { MemberListQuery } from './member-list.query';

export const PAGE_SIZE = 50;

/** The register service's query from the page's URL. */
export function registerQuery(q: MemberListQuery): RegisterQuery {
  return {
    q: q.q,
    municipality: q.kommune,
    region: q.region,
    list: q.liste,
    newlyElected: q.nyvalgt === undefined ? undefined : q.nyvalgt === 'ja',
    status: q.status,
    waveId: q.boelge,
    sort: q.sortering,
    descending: q.retning === 'ned',
  };
}

/** The list's address with the query, changed by `change`; empty and default values left out. */
export function listHref<Q extends object>(
  base: string,
  query: Q,
  change: Partial<Q> & { side?: number } = {},
): string {
  const next: Record<string, unknown> = { ...query, ...change };
  if (next.side === 1) delete next.side;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** A column header's sort link: the same column again turns the order round. */
export function sortLink(
  base: string,
  query: MemberListQuery,
  column: NonNullable<MemberListQuery['sortering']>,
) {
  const active = (query.sortering ?? 'navn') === column;
  const descending = active && query.retning !== 'ned';
  return {
    href: listHref(base, query, {
      sortering: column,
      retning: descending ? 'ned' : undefined,
      side: undefined,
    }),
    ariaSort: active ? (query.retning === 'ned' ? 'descending' : 'ascending') : 'none',
  };
}

/** The pager: the first, the last and two on each side of the current page, gaps between. */
export function pager<Q extends { side?: number }>(
  base: string,
  query: Q,
  total: number,
  pageSize = PAGE_SIZE,
  label = 'Sider i medlemslisten',
) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(query.side ?? 1, pages);
  const href = (n: number) => listHref(base, query, { side: n } as Partial<Q> & { side: number });
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: Array<{ number: number; href: string; current: boolean; gap: boolean }> = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ number: 0, href: '', current: false, gap: true });
    items.push({ number: n, href: href(n), current: n === current, gap: false });
  });
  return {
    label,
    current,
    previous: current > 1 ? href(current - 1) : null,
    next: current < pages ? href(current + 1) : null,
    pages: pages > 1 ? items : [],
  };
}
